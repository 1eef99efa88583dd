import type { doctorText } from '../doctor-text';

/** Two significant digits, as a person would type the value back into a field (0.0001, 3e-7, 100). */
const value = (x: number): string => String(Number(x.toPrecision(2)));
const pct = (x: number): string => `${Math.round(x * 100)} %`;
const epochSpan = (first: number, last: number): string => (first === last ? `第 ${first} 轮` : `第 ${first}–${last} 轮`);

export const zhDoctorText = {
  doctorTitle: '训练诊断',
  doctorAllClear: '目前没有发现问题。',
  doctorSeverity: { problem: '问题', warning: '警告', advice: '建议' },
  doctorTry: '试试：',
  doctorNotFinite: (epoch) => `损失在第 ${epoch} 轮变成了 NaN 或无穷大：训练发散了。`,
  doctorGrowing: (since) => `训练损失从第 ${since} 轮起一直在上升：训练正在发散。`,
  doctorLowerRate: (lr) => `把学习率降到 ${value(lr)}。`,
  doctorOverfitting: (best, bestLoss, loss) =>
    `从第 ${best} 轮起过拟合：验证损失从 ${bestLoss.toFixed(3)} 升到 ${loss.toFixed(3)}，而训练损失仍在下降。`,
  doctorOverfittingKept: (best) => `保留的是最佳的第 ${best} 轮的权重；想要更好的模型，可以加 Dropout、数据增强或权重衰减。`,
  doctorOverfittingNotKept: (best) => `Dropout、数据增强或权重衰减；并打开提前停止（正则化），以保留最佳轮次（第 ${best} 轮）的权重。`,
  doctorPlateau: (first, last, loss) => `在${epochSpan(first, last)}中，训练损失一直停在 ${loss.toFixed(3)} 左右。`,
  doctorRaiseRate: (lr, scheduled) =>
    scheduled ? `把学习率提高到 ${value(lr)}；调度之后仍会降低它。` : `把学习率提高到 ${value(lr)}，或使用之后会降低它的调度（阶梯或余弦）。`,
  doctorUnderfitting: (acc, first, last) => `训练准确率只有 ${pct(acc)}，且在${epochSpan(first, last)}中几乎没有变化：模型欠拟合。`,
  doctorBiggerModel: '更大的模型（更多卷积核或层）或更多轮次。',
  doctorSampleImbalance: (largest, smallest, ratio) => `类别“${largest}”的训练样本是类别“${smallest}”的 ${ratio.toFixed(1)} 倍：模型会偏向样本多的类别。`,
  doctorErrorImbalance: (name, share) => `类别“${name}”占了验证错误的 ${pct(share)}。`,
  doctorUseClassWeights: '类别权重（正则化 → 类别权重：平衡）。',
  doctorMoreSamples: (name) => `类别权重已经打开：为“${name}”添加更多、更多样的样本。`,
  doctorLongWarmup: (warmup, epochs) => `预热占了 ${epochs} 轮中的 ${warmup} 轮：完整的学习率在训练后期才到来。`,
  doctorShorterWarmup: (warmup) => `${warmup} 轮的预热，约为训练的十分之一。`,
  doctorLargeBatch: (batch, samples, steps) => `在 ${samples} 个训练样本上用 ${batch} 的批大小，每轮只更新 ${steps} 次。`,
  doctorSmallerBatch: (batch) => `批大小 ${batch}。`,
} satisfies typeof doctorText;

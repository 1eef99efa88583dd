import type { lessonText } from '../lesson-text';

export const zhLessonText = {
  lessons: {
    firstCnn: {
      title: '你的第一个 CNN',
      summary: '在“形状”数据集上搭建 Input → Conv2D → 池化 → Dense，训练它并读懂它的曲线。',
      steps: {
        conv: '从层面板把一个 Conv2D 拖到画布上，把 Input 连到它（从 Input 右侧的连接点拖到 Conv2D），并在“层”面板中把卷积核数设为 16。每个卷积核学会识别一种小图案。',
        pool: '在 Conv2D 之后添加一个 MaxPool2D。池化把高和宽减半：后面的层用更少的数字看到图像的更大范围。留意每个层下方形状的变化。',
        dense: '在池化层之后依次添加 Flatten 和 Dense 层。Dense 的单元数设为类别数（“形状”有 4 类），激活函数选 softmax，让它为每个类别输出一个概率。图与数据集匹配时，摘要会变成绿色。',
        train: '点击下方训练面板中的“训练”。模型每次看一批图像，并微调权重以减少错误。',
        curves: '读曲线：模型学习时损失下降；准确率是它答对的比例。验证曲线来自它从未训练过的图像——它们说明模型是否真的学会了。一直训练到验证准确率超过 80 %（再点“训练”可以训练更多轮）。',
      },
    },
    mnistLenet: {
      title: '用 LeNet-5 识别 MNIST',
      summary: '训练经典的手写数字识别网络，观察它过拟合，并用提前停止保留最佳轮次。',
      steps: {
        look: '这是 LeNet-5（1998）：两个卷积层加平均池化，然后是三个全连接层。数据集现在是 MNIST，即手写数字 0–9。记下摘要中的参数数量，然后点击“下一步”。',
        train: '把轮次设为 20，点击“训练”。一直训练到验证准确率超过 90 %。',
        overfit: '比较两条损失曲线：训练损失一直下降，但验证损失不再下降，甚至可能上升。从那时起，模型在死记训练图像而不是学习数字：这就是过拟合。标出的轮次是验证集上最好的一轮。',
        earlyStop: '在训练面板（正则化）中打开“按验证损失提前停止”。当验证损失连续几轮没有改进时，它会停止训练，并保留最佳轮次的权重。',
        bestEpoch: '开启提前停止后再训练一次。验证不再改进时训练会自动结束；导出的模型就是最佳轮次的模型。',
      },
    },
    separable: {
      title: '深度可分离卷积',
      summary: '同一个网络分别用 Conv2D 和 SeparableConv2D：参数量和 MACs 与准确率的权衡。',
      steps: {
        baseline: '这个网络有两个普通的 3×3 卷积层。记下摘要中的参数量和 MACs，然后训练它，并记下最佳验证准确率。',
        swap: '把第二个 Conv2D（conv2）换成卷积核数同为 32 的 SeparableConv2D：添加新层，连接 pool1 → 新层 → pool2，再删除 conv2。可分离卷积先对每个通道单独滤波，再用 1×1 卷积混合通道。',
        retrain: '在同样的数据上训练这个可分离网络。',
        compare: '比较：从 16 通道到 32 通道的 3×3 Conv2D 有 3·3·16·32 个权重；可分离卷积只有 3·3·16 + 16·32 个——约少 7 倍，MACs 也更少。它损失了多少准确率？正是这种取舍让 MobileNet 能在手机上运行。',
      },
    },
    ownClasses: {
      title: '你自己的类别，实时识别',
      summary: '用摄像头采集你自己的类别，在其上训练，实时试用模型，并导出为 ONNX。',
      steps: {
        collect: '打开“数据”标签页，新建一个数据集，并至少设两个类别（比如“点赞”和“倒赞”）。每个类别至少用摄像头采集 10 张图像。',
        choose: '在训练面板的“数据集”列表中选择你的数据集。模型的 Input 会采用它的尺寸，输出会采用它的类别数。',
        train: '点击“训练”，等待训练完成。',
        live: '打开“使用”标签页并打开摄像头：模型对每一帧分类，并给出置信度。试试你训练过的姿势，也试试没训练过的。',
        export: '回到“模型”标签页，在训练面板中点击“导出 ONNX”：这个文件可以在任何支持 ONNX Runtime 的地方运行——网页、手机或服务器上。',
      },
    },
  },
  lessonsMenu: '课程',
  lessonsMenuTitle: '引导式课程：从空白画布一步步到训练好的 CNN',
  lessonStepOf: (step, steps) => `第 ${step} / ${steps} 步`,
  lessonStart: '开始',
  lessonContinue: (step) => `从第 ${step} 步继续`,
  lessonFinishedMark: '✓ 已完成',
  lessonRestart: '重新开始',
  lessonFold: '把课程折叠成标题栏（下一步时会展开）',
  lessonUnfold: '再次显示这一步',
  lessonNext: '下一步',
  lessonFinish: '完成',
  lessonLeave: '离开课程',
  lessonLeaveTitle: '关闭课程；下次从这一步打开',
  lessonWaiting: '等你完成这一步…',
  lessonStepDone: '完成！',
  lessonAllDone: (title) => `你完成了“${title}”。`,
  lessonReplacedGraph: '课程把它的起始图放到了画布上；撤销（Ctrl+Z）可以找回你的图。',
  lessonUnknown: (id) => `没有名为“${id}”的课程。`,
} satisfies typeof lessonText;

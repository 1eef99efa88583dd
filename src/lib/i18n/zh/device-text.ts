import type { deviceText } from '../device-text';
import type { Draft } from './draft';

export const zhDeviceText: Draft<typeof deviceText> = {
  workerLost: (cause, resumeEpoch) =>
    `训练 worker 停止了（${cause}）。它已重新启动：` + (resumeEpoch === null ? '请重新训练。' : `可从最后的检查点第 ${resumeEpoch} 轮继续，或重新训练。`),
  workerSilent: (seconds) => `${seconds} 秒无响应`,
  workerCrashed: (detail) => `它崩溃了：${detail}`,
  workerCrashedNoDetail: '它崩溃了',
  workerUnreadable: '它发来了一条无法读取的消息',
  workerGpuUnusable: '它的 GPU 设备已无法使用',
  backendNames: { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: '纯 JavaScript' },
  backendHints: {
    auto: '在这个模型上测速每个后端，然后用最快的训练。',
    webgpu: 'GPU，通过它最新的接口。',
    webgl: 'GPU，通过图形着色器。',
    wasm: 'CPU，使用 SIMD（尽可能多线程）：没有 GPU 也很快。',
    cpu: 'CPU，纯 JavaScript：最慢，但到处可用。',
  },
  wasmBuild: (simd, threads) => `${simd ? 'SIMD' : '无 SIMD'}，${threads} 线程`,
  backendRunning: (name) => `正在 ${name} 上训练`,
  backendUsed: (name) => `上次在 ${name} 上训练`,
  backendSkipped: (name, reason) => `未使用 ${name}：${reason}`,
  softwareAdapter: '这个 WebGPU 适配器是软件渲染器：训练会很慢。',
  gpuRejectedWork: (detail) => `GPU 拒绝了工作（${detail}）`,
  gpuDeviceLost: (detail) => `GPU 设备丢失（${detail}）`,
  webgpuMissing: '此浏览器不提供 WebGPU（没有 navigator.gpu）',
  providerUnavailable: '此浏览器中不可用',
  webgpuNoAdapter: '没有 WebGPU 适配器：GPU 在黑名单中，或此浏览器关闭了 WebGPU',
  webgpuRequestFailed: (why) => `请求 WebGPU 适配器失败：${why}`,
  unknownAdapter: '未知适配器',
  softwareAdapterLabel: (label) => `${label}（软件适配器）`,
  backendFailedToStart: (name) => `${name} 在此浏览器中初始化失败`,
  backendFailedWith: (name, why) => `${name} 初始化失败：${why}`,
  noBackendStarted: (tried) => `没有可以启动的 TensorFlow.js 后端（尝试了 ${tried.join('、')}）。`,
  backendSlower: (speed, fastest) => `在这里对这个模型更慢（${Math.round(speed)} 对 ${Math.round(fastest)} 样本/秒）`,
  fastestFailedToStart: (name, why) => `${name} 测得最快，但随后启动失败${why ? `：${why}` : ''}`,
};

/** Backends, GPU devices and the training worker's health. Part of `messages` (see messages.ts). */
export const deviceText = {
  workerLost: (cause: string, resumeEpoch: number | null) =>
    `The training worker stopped (${cause}). It has been restarted: ` +
    (resumeEpoch === null ? 'train again.' : `resume from epoch ${resumeEpoch}, the last checkpoint, or train again.`),
  // Why the training worker was given up on: the `cause` of workerLost.
  workerSilent: (seconds: number) => `no answer for ${seconds} s`,
  workerCrashed: (detail: string) => `it crashed: ${detail}`,
  workerCrashedNoDetail: 'it crashed',
  workerUnreadable: 'it sent a message that could not be read',
  workerGpuUnusable: 'its GPU device cannot be used any more',
  /** The backend picker's options. */
  backendNames: { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'Plain JavaScript' },
  /** Under the picker: what the chosen backend runs on. */
  backendHints: {
    auto: 'Times each backend on this model, then trains on the fastest.',
    webgpu: 'The GPU, through its newest interface.',
    webgl: 'The GPU, through graphics shaders.',
    wasm: 'The CPU with SIMD (and threads where possible): fast without a GPU.',
    cpu: 'The CPU in plain JavaScript: slowest, works everywhere.',
  },
  /** Which of tfjs's WebAssembly builds runs, shown beside "Training on wasm". */
  wasmBuild: (simd: boolean, threads: number) => `${simd ? 'SIMD' : 'no SIMD'}, ${threads === 1 ? '1 thread' : `${threads} threads`}`,
  backendRunning: (name: string) => `Training on ${name}`,
  backendUsed: (name: string) => `Last run trained on ${name}`,
  backendSkipped: (name: string, reason: string) => `${name} not used: ${reason}`,
  softwareAdapter: 'This WebGPU adapter is a software renderer: expect slow training.',
  gpuRejectedWork: (detail: string) => `the GPU rejected work (${detail})`,
  gpuDeviceLost: (detail: string) => `the GPU device was lost (${detail})`,
  webgpuMissing: 'this browser does not expose WebGPU (navigator.gpu is missing)',
  providerUnavailable: 'not available in this browser',
  webgpuNoAdapter: 'no WebGPU adapter: the GPU is blocklisted or WebGPU is switched off in this browser',
  webgpuRequestFailed: (why: string) => `requesting a WebGPU adapter failed: ${why}`,
  unknownAdapter: 'unknown adapter',
  softwareAdapterLabel: (label: string) => `${label} (software adapter)`,
  backendFailedToStart: (name: string) => `${name} failed to initialise in this browser`,
  backendFailedWith: (name: string, why: string) => `${name} failed to initialise: ${why}`,
  noBackendStarted: (tried: readonly string[]) => `No TensorFlow.js backend could start (tried ${tried.join(', ')}).`,
  backendSlower: (speed: number, fastest: number) => `slower here for this model (${Math.round(speed)} vs ${Math.round(fastest)} samples/s)`,
  fastestFailedToStart: (name: string, why: string | undefined) => `${name} measured fastest but then failed to start${why ? `: ${why}` : ''}`,
};

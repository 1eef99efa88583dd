import { m } from '$lib/i18n/messages';
import type { LiveRuntime } from './protocol';

const NAMES: Record<LiveRuntime, () => string> = {
  'ort-wasm': m.liveRuntimeNames_ort_wasm,
  'ort-webgpu': m.liveRuntimeNames_ort_webgpu,
  tfjs: m.liveRuntimeNames_tfjs,
};

export const liveRuntimeName = (runtime: LiveRuntime): string => NAMES[runtime]();

import { exportOnnx } from '$lib/onnx/export';
import { nhwcToNchw } from '$lib/onnx/layout';
import { openModel } from '$lib/onnx/runtime';
import type { OrtProvider } from '$lib/devices/shared/table';
import type { LiveModel } from '$lib/live/shared/protocol';
import { inputFormat } from '$lib/spec/io';
import { m } from '$lib/i18n/messages';
import type { Runner } from './runner';

/** The model written as ONNX (the same file Export gives) and opened in ONNX Runtime Web. */
export async function ortRunner(model: LiveModel, provider: OrtProvider): Promise<Runner> {
  const format = inputFormat(model.spec);
  if (!format) throw new Error(m.liveNoInput());
  const { height: h, width: w, channels: c } = format;
  const open = await openModel(exportOnnx(model.spec, model.weights), provider);
  return {
    report: { runtime: provider === 'webgpu' ? 'ort-webgpu' : 'ort-wasm', detail: m.liveOnOrt({ provider }) },
    outputs: async (image) => (await open.run(nhwcToNchw(image, 1, h, w, c), [1, c, h, w])).output,
    dispose: () => open.release(),
  };
}

import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import * as ort from 'onnxruntime-web';
import { CliError } from './errors';
import type { InputDims, TensorJson } from './tensor-input';
import { text } from './text';

// ONNX Runtime's own .wasm beside its Node build in node_modules: nothing is downloaded.
ort.env.wasm.wasmPaths = `${dirname(createRequire(import.meta.url).resolve('onnxruntime-web'))}/`;
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

export interface OnnxSession {
  /** The first input's dimensions as the model declares them. */
  inputDims: InputDims;
  run(input: TensorJson): Promise<TensorJson>;
  release(): Promise<void>;
}

/** Opens a model on the WASM execution provider; a file ORT cannot load (not ONNX, an unsupported op) fails with its reason. */
export async function openOnnx(path: string, bytes: Uint8Array): Promise<OnnxSession> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  } catch (error) {
    throw new CliError(text.onnxFailed(path, (error as Error).message));
  }
  const [first] = session.inputMetadata;
  if (!first?.isTensor) {
    await session.release();
    throw new CliError(text.onnxFailed(path, text.noTensorInput));
  }
  return {
    inputDims: first.shape,
    run: async ({ shape, data }) => {
      const results = await session.run({ [first.name]: new ort.Tensor('float32', data, shape) });
      const output = results[session.outputNames[0]];
      return { shape: [...output.dims], data: (await output.getData()) as Float32Array };
    },
    release: () => session.release(),
  };
}

import { extname } from 'node:path';
import { parseCommand, requiredFlag } from '../args';
import { CliError } from '../errors';
import { readBytes } from '../files';
import type { Output } from '../output';
import { openOnnx } from '../onnx-session';
import { readImageTensor, readTensorJson } from '../tensor-input';
import { text } from '../text';

/**
 * `netloom infer <model.onnx> --input <x.json|image.png>`: runs any ONNX model on ONNX Runtime's
 * WASM backend and prints its first output as `{"shape":[…],"data":[…]}` on stdout. x.json goes to
 * the first input as it is; a PNG becomes one [1, C, H, W] sample in [0, 1] at the input's size.
 */
export async function inferCommand(argv: string[], out: Output): Promise<void> {
  const { flags, positionals } = parseCommand(argv, { input: { type: 'string' } }, ['model file (.onnx)']);
  const [modelPath] = positionals;
  const inputPath = requiredFlag(flags, 'input');
  const session = await openOnnx(modelPath, await readBytes(modelPath));
  try {
    const input = extname(inputPath).toLowerCase() === '.png' ? await readImageTensor(inputPath, session.inputDims) : await readTensorJson(inputPath, session.inputDims);
    const output = await session.run(input);
    out.stdout(JSON.stringify({ shape: output.shape, data: Array.from(output.data) }));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(text.onnxFailed(modelPath, (error as Error).message));
  } finally {
    await session.release();
  }
}

/**
 * Everything the `netloom` command prints for people: help, progress lines and one-line failure
 * reasons. Plain English kept here in one place; the app's own catalogue (src/lib/i18n) still
 * words what comes from shared code, such as a node's error in a spec.
 */
export const text = {
  usage: (formats: readonly string[], datasets: readonly string[]) =>
    [
      'Usage: netloom <command> [options]',
      '',
      'Commands:',
      '  presets                                  list the built-in models, one per line',
      '  validate <spec.json>                     shapes, parameters and MACs of every node, or the node errors',
      `  export <model> --format ${formats.join('|')} -o FILE`,
      '                                           write a model; <model> is spec.json, project.netloom or preset:NAME',
      '                                           (an untrained spec exports its seeded initial weights; --seed N, --classes N)',
      `  train <spec.json|preset:NAME> --dataset ${datasets.join('|')} --epochs N -o project.netloom`,
      '                                           [--lr X] [--batch N] [--seed N] [--samples N] [--optimizer NAME] [--backend wasm|cpu]',
      '  infer <model.onnx> --input <x.json|image.png>',
      '                                           run the model on x.json ({"shape":[N,…],"data":[…]}) or an image;',
      '                                           prints the first output as {"shape":[…],"data":[…]}',
      '',
      'Exit status: 0 on success, 1 when the work fails, 2 for a usage mistake.',
    ].join('\n'),
  unknownCommand: (name: string) => `unknown command "${name}" (run netloom --help)`,
  noCommand: 'no command given (run netloom --help)',
  badFlag: (reason: string) => `bad arguments: ${reason}`,
  missingArgument: (what: string) => `missing ${what}`,
  unexpectedArgument: (value: string) => `unexpected argument "${value}"`,
  missingFlag: (flag: string) => `missing --${flag}`,
  notAnInteger: (flag: string, value: string, min: number) => `--${flag} must be a whole number of at least ${min}, not "${value}"`,
  notANumber: (flag: string, value: string) => `--${flag} must be a number, not "${value}"`,
  notOneOf: (flag: string, value: string, choices: readonly string[]) => `--${flag} must be one of ${choices.join(', ')}, not "${value}"`,
  cannotRead: (path: string, reason: string) => `cannot read ${path}: ${reason}`,
  cannotWrite: (path: string, reason: string) => `cannot write ${path}: ${reason}`,
  notJson: (path: string, reason: string) => `${path} is not valid JSON: ${reason}`,
  notSpec: (path: string, reasons: string) => `${path} is not a NetLoom graph: ${reasons}`,
  notProject: (path: string, reasons: string) => `${path} is not a NetLoom project: ${reasons}`,
  unknownPreset: (name: string, names: readonly string[]) => `unknown preset "${name}" (presets: ${names.join(', ')})`,
  invalidSpec: (count: number, first: string) => `invalid spec: ${first}${count > 1 ? ` (and ${count - 1} more problem${count > 2 ? 's' : ''})` : ''}`,
  nodeIssue: (nodeId: string | null, message: string) => (nodeId === null ? message : `node "${nodeId}": ${message}`),
  specDoesNotFit: (dataset: string, reason: string) => `the model does not fit the ${dataset} dataset: ${reason}`,
  badSettings: (reasons: string) => `bad training settings: ${reasons}`,
  presetLine: (id: string, name: string, params: number, description: string) => `${id.padEnd(10)} ${name.padEnd(15)} ${params.toLocaleString('en-US').padStart(7)} params  ${description}`,
  validateHeader: ['node', 'kind', 'shape', 'params', 'MACs'] as const,
  validateTotals: (params: number, trainable: number, macs: number) =>
    `total: ${params.toLocaleString('en-US')} params (${trainable.toLocaleString('en-US')} trainable), ${macs.toLocaleString('en-US')} MACs per sample`,
  untrainedWeights: (seed: number) => `note: no trained weights, so the file holds the initial weights from seed ${seed}`,
  wrote: (path: string, bytes: number) => `wrote ${path} (${bytes.toLocaleString('en-US')} bytes)`,
  backendFallback: (reason: string) => `note: tfjs's wasm backend did not start (${reason}); training on the slower cpu backend`,
  trainStart: (backend: string, train: number, val: number, batches: number) =>
    `training on tfjs ${backend}: ${train} training and ${val} validation samples, ${batches} batches per epoch`,
  epochLine: (epoch: number, epochs: number, loss: number, acc: number, valLoss: number, valAcc: number, samplesPerSec: number) =>
    `epoch ${epoch}/${epochs}  loss ${loss.toFixed(4)}  acc ${(acc * 100).toFixed(1)}%  val loss ${valLoss.toFixed(4)}  val acc ${(valAcc * 100).toFixed(1)}%  ${Math.round(samplesPerSec)} samples/s`,
  trainEnded: (outcome: string, message: string | undefined) => `training ${outcome}${message ? `: ${message}` : ''}`,
  onnxFailed: (path: string, reason: string) => `cannot run ${path}: ${reason}`,
  noTensorInput: 'the model has no tensor input',
  inputShapeMismatch: (given: readonly number[], wanted: readonly (number | string)[]) =>
    `input shape [${given.join(',')}] does not match the model's input [${wanted.join(',')}]`,
  inputDataLength: (length: number, shape: readonly number[], expected: number) =>
    `"data" holds ${length} numbers but shape [${shape.join(',')}] needs ${expected}`,
  inputNotTensorJson: 'the input JSON must be {"shape":[N,…],"data":[…numbers…]}',
  imageNeedsImageInput: (dims: readonly (number | string)[]) => `an image input needs a model input of [batch, 1 or 3, height, width], this one is [${dims.join(',')}]`,
  badImage: (path: string, reason: string) => `cannot read the image ${path}: ${reason}`,
  unexpected: (reason: string) => `unexpected failure: ${reason}`,
};

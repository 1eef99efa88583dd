import { DATASETS, DEFAULT_DATASET } from '$lib/datasets/shared/catalog';
import { choiceFlag, integerFlag, parseCommand, requiredFlag } from '../args';
import { writeBytes } from '../files';
import { FORMATS, FORMAT_NAMES } from '../formats';
import { loadModel, validGraph } from '../model-source';
import type { Output } from '../output';
import { text } from '../text';

export const DEFAULT_SEED = 1;

/**
 * `netloom export <spec.json|project.netloom|preset:NAME> --format F -o FILE`: a project's trained
 * weights, or the seeded initial weights of an untrained graph (`--seed`, as the app's training
 * seed), in one of the registered formats. `--classes` sizes a preset's output layer.
 */
export async function exportCommand(argv: string[], out: Output): Promise<void> {
  const options = { format: { type: 'string' }, output: { type: 'string', short: 'o' }, seed: { type: 'string' }, classes: { type: 'string' } } as const;
  const { flags, positionals } = parseCommand(argv, options, ['model (spec.json, project.netloom or preset:NAME)']);
  const format = choiceFlag(flags, 'format', FORMAT_NAMES);
  const path = requiredFlag(flags, 'output');
  const seed = integerFlag(flags, 'seed', DEFAULT_SEED, 0);
  const classes = integerFlag(flags, 'classes', DATASETS[DEFAULT_DATASET].classes.length, 1);
  const source = await loadModel(positionals[0], classes);
  validGraph(source.spec);
  if (!source.weights) out.stderr(text.untrainedWeights(seed));
  const weights = source.weights ?? (await (await import('../seeded-weights')).seededWeights(source.spec, seed));
  const bytes = FORMATS[format]({ ...source, weights });
  await writeBytes(path, bytes);
  out.stderr(text.wrote(path, bytes.length));
}

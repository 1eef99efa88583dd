import { analyzeGraph, validateForDataset } from '$lib/spec/analyze';
import { DATASETS, DATASET_IDS, type DatasetId } from '$lib/datasets/shared/catalog';
import { defaultOptimizer, OPTIMIZER_NAMES } from '$lib/training/shared/config';
import { requestErrors } from '$lib/training/shared/validate';
import { defaultSettings, trainRequest, type TrainSettings } from '$lib/training/client/settings';
import { writeProject } from '$lib/project/shared/project-file';
import { choiceFlag, integerFlag, numberFlag, parseCommand, requiredFlag, type Flags } from '../args';
import { CliError } from '../errors';
import { writeBytes } from '../files';
import { loadSpec, validGraph } from '../model-source';
import type { Output } from '../output';
import { text } from '../text';
import { loadBuiltInSplit } from '../datasets';
import { CLI_BACKENDS } from '../tfjs-backends';

const OPTIONS = {
  dataset: { type: 'string' },
  epochs: { type: 'string' },
  lr: { type: 'string' },
  batch: { type: 'string' },
  seed: { type: 'string' },
  samples: { type: 'string' },
  optimizer: { type: 'string' },
  backend: { type: 'string' },
  output: { type: 'string', short: 'o' },
} as const;

/** The training panel's defaults with what the flags change; range checks are the worker's own (requestErrors). */
function settingsFrom(flags: Flags, dataset: DatasetId): TrainSettings {
  const s = defaultSettings();
  s.dataset = dataset;
  s.samples = integerFlag(flags, 'samples', DATASETS[dataset].samples.default, 1);
  s.seed = integerFlag(flags, 'seed', s.seed, 0);
  s.config.epochs = integerFlag(flags, 'epochs', s.config.epochs, 1);
  s.config.batchSize = integerFlag(flags, 'batch', s.config.batchSize, 1);
  if (flags.optimizer !== undefined) s.config.optimizer = defaultOptimizer(choiceFlag(flags, 'optimizer', OPTIMIZER_NAMES));
  s.config.optimizer.learningRate = numberFlag(flags, 'lr', s.config.optimizer.learningRate);
  return s;
}

/**
 * `netloom train <spec.json|preset:NAME> --dataset D --epochs N -o project.netloom`: trains with
 * the app's loop on tfjs's wasm backend (cpu with --backend cpu, or when wasm cannot start), one
 * progress line per epoch on stderr, and saves the graph, settings, curves and weights as a project
 * the app opens.
 */
export async function trainCommand(argv: string[], out: Output): Promise<void> {
  const { flags, positionals } = parseCommand(argv, OPTIONS, ['model (spec.json or preset:NAME)']);
  const dataset = choiceFlag(flags, 'dataset', DATASET_IDS);
  const preferred = choiceFlag(flags, 'backend', CLI_BACKENDS, 'wasm');
  const path = requiredFlag(flags, 'output');
  const settings = settingsFrom(flags, dataset);
  const info = DATASETS[dataset];
  const spec = await loadSpec(positionals[0], info.classes.length);
  validGraph(spec);
  const [misfit] = validateForDataset(analyzeGraph(spec), { height: info.height, width: info.width, channels: info.channels, classes: info.classes.length });
  if (misfit) throw new CliError(text.specDoesNotFit(dataset, misfit.message));
  const request = trainRequest(spec, settings);
  const errors = requestErrors(request);
  if (errors.length > 0) throw new CliError(text.badSettings(errors.join(' ')));

  // tfjs loads only now: a mistake on the command line is answered without waiting for it.
  const [{ startBackend }, { trainModel }] = await Promise.all([import('../tfjs'), import('../training')]);
  const { backend, build } = await startBackend(preferred, out.stderr);
  const split = loadBuiltInSplit(dataset, settings.samples, settings.seed);
  out.stderr(text.trainStart(build ? `${backend} (${build})` : backend, split.train.count, split.val.count, Math.ceil(split.train.count / settings.config.batchSize)));
  const run = await trainModel(request, split, (e) => out.stderr(text.epochLine(e.epoch, settings.config.epochs, e.loss, e.acc, e.valLoss, e.valAcc, e.samplesPerSec)));
  const bytes = writeProject({
    spec,
    // The app picks its own backend for a project it opens: the CLI's choice says nothing about that machine.
    settings: { settings, backendChoice: 'auto' },
    run: { spec, history: run.history, outcome: run.outcome.reason, classes: run.classes },
    weights: run.weights,
    dataset: null,
  });
  await writeBytes(path, bytes);
  out.stderr(text.wrote(path, bytes.length));
  if (run.outcome.reason === 'diverged' || run.outcome.reason === 'failed') throw new CliError(text.trainEnded(run.outcome.reason, run.outcome.message));
  if (run.outcome.reason !== 'completed') out.stderr(text.trainEnded(run.outcome.reason, run.outcome.message));
}

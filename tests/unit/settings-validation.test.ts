import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, settingsProblems, trainRequest, type TrainSettings } from '$lib/training/client/settings';
import { hasErrors, requestErrors, trainingSampleCount } from '$lib/training/shared/validate';
import { defaultOptimizer } from '$lib/training/shared/config';
import { defaultSpec } from '$lib/spec/presets';
import { describeBuiltIn } from '$lib/datasets/shared/catalog';

const SHAPES = describeBuiltIn('shapes');
import type { TrainEvent } from '$lib/training/shared/protocol';
import { runTraining } from '$workers/training/run';
import { RunControl } from '$workers/training/control';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function settings(edit: (s: TrainSettings) => void = () => {}): TrainSettings {
  const s = defaultSettings();
  edit(s);
  return s;
}

describe('settingsProblems', () => {
  it('finds nothing wrong with the defaults', () => {
    expect(settingsProblems(settings(), SHAPES)).toEqual({});
  });

  it.each([
    ['batchSize', (s: TrainSettings) => (s.config.batchSize = 0), 'Batch size must be a whole number from 1 to 4096 (not 0).'],
    ['optimizer.learningRate', (s: TrainSettings) => (s.config.optimizer.learningRate = -1), 'Learning rate must be a number of at least 0 (not -1).'],
    ['samples', (s: TrainSettings) => (s.samples = 1), 'Samples must be a whole number from 20 to 20000 (not 1).'],
    ['epochs', (s: TrainSettings) => (s.config.epochs = 0), 'Epochs must be a whole number from 1 to 1000 (not 0).'],
    ['epochs', (s: TrainSettings) => (s.config.epochs = NaN), 'Epochs is empty: enter a whole number from 1 to 1000.'],
    ['optimizer.learningRate', (s: TrainSettings) => (s.config.optimizer.learningRate = Infinity), 'Learning rate must be a number of at least 0 (not Infinity).'],
    ['seed', (s: TrainSettings) => (s.seed = 1.5), 'Seed must be a whole number from 0 to 4294967295 (not 1.5).'],
  ])('marks %s as an error at its field', (path, edit, message) => {
    const problems = settingsProblems(settings(edit), SHAPES);
    expect(problems).toEqual({ [path]: { severity: 'error', message } });
    expect(hasErrors(problems)).toBe(true);
  });

  it.each([
    ['a learning rate above 1', (s: TrainSettings) => (s.config.optimizer.learningRate = 5)],
    ['a learning rate of 0', (s: TrainSettings) => (s.config.optimizer.learningRate = 0)],
  ])('warns about %s but lets it train', (_what, edit) => {
    const problems = settingsProblems(settings(edit), SHAPES);
    expect(problems['optimizer.learningRate']).toEqual({
      severity: 'warning',
      message: 'Learning rate is outside the usual 1e-6 to 1: training may fail or go nowhere.',
    });
    expect(hasErrors(problems)).toBe(false);
  });

  it('warns when a batch is larger than the training set', () => {
    const s = settings((s) => {
      s.samples = 100;
      s.config.batchSize = 100;
    });
    expect(trainingSampleCount(100)).toBe(80);
    expect(settingsProblems(s, SHAPES)).toEqual({
      batchSize: { severity: 'warning', message: 'Batch size 100 is larger than the 80 training samples: each epoch is a single step.' },
    });
  });

  it('checks the chosen optimizer’s and schedule’s own fields, and toggled sections only when on', () => {
    const s = settings((s) => {
      s.config.optimizer = { ...defaultOptimizer('momentum'), momentum: 1.5 };
      s.config.schedule.base = { kind: 'step', stepEpochs: 0, gamma: 0.1 };
      s.config.gradientClip = { enabled: false, maxNorm: -1 };
      s.augment = { ...s.augment, enabled: false, translate: 9 };
    });
    expect(Object.keys(settingsProblems(s, SHAPES)).sort()).toEqual(['optimizer.momentum', 'schedule.base.stepEpochs']);
    s.config.gradientClip.enabled = true;
    s.augment.enabled = true;
    expect(Object.keys(settingsProblems(s, SHAPES)).sort()).toEqual(['augment.translate', 'gradientClip.maxNorm', 'optimizer.momentum', 'schedule.base.stepEpochs']);
  });
});

describe('the worker refuses invalid settings (defence in depth)', () => {
  it('lists only errors for a request', () => {
    const request = trainRequest(defaultSpec(4), settings((s) => (s.config.optimizer.learningRate = 5)));
    expect(requestErrors(request)).toEqual([]);
    expect(requestErrors({ ...request, config: { ...request.config, batchSize: 0 } })).toEqual(['Batch size must be a whole number from 1 to 4096 (not 0).']);
  });

  it('fails a batch-size-0 run at once instead of looping forever', async () => {
    const request = { ...trainRequest(defaultSpec(4), settings((s) => (s.config.batchSize = 0))), checkpoints: false };
    const events: TrainEvent[] = [];
    const tensors = tf.memory().numTensors;
    await expect(runTraining(tf, request, undefined, new RunControl(), (e) => events.push(e))).rejects.toThrow(
      'Training settings are invalid: Batch size must be a whole number from 1 to 4096 (not 0).',
    );
    expect(events).toEqual([]);
    expect(tf.memory().numTensors).toBe(tensors);
  });
});

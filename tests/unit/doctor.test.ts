import { describe, expect, it } from 'vitest';
import { diagnose, type DoctorInput, type Finding } from '$lib/training/shared/doctor/diagnose';
import { describeFinding } from '$lib/training/shared/doctor/describe';
import { DEFAULT_TRAINING } from '$lib/training/shared/config';
import type { EpochPoint } from '$lib/training/shared/protocol';
import { doctorInput, doctorShown } from '$lib/training/client/doctor';
import { defaultSettings } from '$lib/training/client/settings';

/** Per-epoch curves as functions of the 1-based epoch; everything else a plain, healthy default. */
interface Curves {
  trainLoss: (e: number) => number;
  valLoss: (e: number) => number;
  trainAcc?: (e: number) => number;
  valAcc?: (e: number) => number;
}

function history(epochs: number, c: Curves): EpochPoint[] {
  return Array.from({ length: epochs }, (_, i) => {
    const epoch = i + 1;
    return {
      epoch,
      trainLoss: c.trainLoss(epoch),
      valLoss: c.valLoss(epoch),
      trainAcc: c.trainAcc?.(epoch) ?? 0.95,
      valAcc: c.valAcc?.(epoch) ?? 0.93,
      seconds: 1,
      numTensors: 40,
      lr: 1e-3,
    };
  });
}

/** A run of 800 balanced samples over 4 classes with the default settings, unless a test says otherwise. */
function input(epochs: EpochPoint[], over: Partial<DoctorInput> = {}): DoctorInput {
  return {
    epochs,
    config: structuredClone(DEFAULT_TRAINING),
    bestEpoch: null,
    outcome: null,
    classes: { names: ['circle', 'square', 'triangle', 'cross'], counts: [160, 160, 160, 160] },
    confusion: null,
    ...over,
  };
}

const rules = (findings: Finding[]) => findings.map((f) => f.rule);
const only = (findings: Finding[], rule: Finding['rule']) => {
  expect(rules(findings)).toEqual([rule]);
  return findings[0];
};

/** A healthy 20-epoch run: both losses fall (with a little wobble), accuracy climbs past 95 %. */
const wobble = (e: number) => 0.02 * Math.sin(e * 2.3);
const healthy = history(20, {
  trainLoss: (e) => 2.3 * Math.exp(-e / 5) + 0.05 + wobble(e) / 4,
  valLoss: (e) => 2.3 * Math.exp(-e / 5) + 0.1 + wobble(e),
  trainAcc: (e) => 0.98 - 0.88 * Math.exp(-e / 4),
  valAcc: (e) => 0.96 - 0.86 * Math.exp(-e / 4),
});

/** The articles' run: train loss 2.3 → 0.35 over 100 epochs; validation loss bottoms at epoch 50 and climbs to 1.9. */
const articles = history(100, {
  trainLoss: (e) => 2.3 - (1.95 * (e - 1)) / 99,
  valLoss: (e) => (e <= 50 ? 2.3 - (1.5 * (e - 1)) / 49 : 0.8 + (1.1 * (e - 50)) / 50),
  trainAcc: (e) => 0.3 + (0.65 * e) / 100,
});

describe('the training doctor', () => {
  it('finds nothing wrong in a healthy run, at any point of it', () => {
    for (let n = 1; n <= healthy.length; n++) expect(diagnose(input(healthy.slice(0, n)))).toEqual([]);
  });

  it("names the articles' run overfitting from epoch 50, its best epoch, and says the best weights are kept with early stopping", () => {
    const off = only(diagnose(input(articles)), 'overfitting');
    expect(off).toMatchObject({ bestEpoch: 50, epochs: { first: 50, last: 100 }, bestKept: false, severity: 'warning' });
    // Shown as it happens: named a few epochs after the turn, once the rise is clearly more than noise.
    const firstNamed = articles.findIndex((_, i) => rules(diagnose(input(articles.slice(0, i + 1)))).includes('overfitting')) + 1;
    expect(firstNamed).toBeGreaterThan(50);
    expect(firstNamed).toBeLessThanOrEqual(56);
    const on = only(diagnose(input(articles, { config: { ...DEFAULT_TRAINING, earlyStopping: { enabled: true, patience: 200, minDelta: 0 } }, bestEpoch: 50 })), 'overfitting');
    expect(on).toMatchObject({ bestEpoch: 50, bestKept: true });
    const text = describeFinding(on);
    expect(text.seen).toContain('since epoch 50');
    expect(text.advice).toBe('dropout, augmentation or weight decay. Early stopping keeps the weights of epoch 50, the best.');
    expect(describeFinding(off).advice).toContain('turn on early stopping');
  });

  it('waits for the validation loss to stay up before calling it overfitting', () => {
    // Epoch 50 is the best and only two worse epochs follow: still possibly noise.
    expect(rules(diagnose(input(articles.slice(0, 52))))).toEqual([]);
    // A single spike after a best, with the loss back down, is no trend either.
    const spike = history(12, { trainLoss: (e) => 1 / e, valLoss: (e) => (e === 11 ? 2 : 1 / e + 0.1) });
    expect(rules(diagnose(input(spike)))).toEqual([]);
  });

  it('divergence: a NaN loss in the history, or a run the trainer stopped as diverged, says to lower the rate tenfold', () => {
    const nan = history(4, { trainLoss: (e) => (e === 3 ? Number.NaN : 1 / e), valLoss: (e) => 1 / e });
    const found = only(diagnose(input(nan)), 'divergence');
    expect(found).toMatchObject({ cause: 'not-finite', epochs: { first: 3, last: 3 }, severity: 'problem' });
    // The trainer stops inside the broken epoch, so its history ends with the last good one.
    const stopped = input(healthy.slice(0, 2), { outcome: 'diverged', config: { ...DEFAULT_TRAINING, optimizer: { name: 'lion', learningRate: 1000 } } });
    const seen = only(diagnose(stopped), 'divergence');
    expect(seen).toMatchObject({ cause: 'not-finite', epochs: { first: 3, last: 3 }, tryLearningRate: 100 });
    expect(describeFinding(seen)).toEqual({ seen: 'The loss became NaN or infinite in epoch 3: training diverged.', advice: 'lower the learning rate to 100.' });
  });

  it('divergence: a training loss growing fast, from the epoch it was lowest', () => {
    const growing = history(6, { trainLoss: (e) => [1.0, 0.6, 0.5, 0.55, 0.7, 0.9][e - 1], valLoss: (e) => [1.0, 0.7, 0.6, 0.65, 0.8, 1.0][e - 1], trainAcc: (e) => [0.5, 0.7, 0.75, 0.7, 0.6, 0.5][e - 1] });
    const found = only(diagnose(input(growing)), 'divergence');
    expect(found).toMatchObject({ cause: 'growing', epochs: { first: 3, last: 6 } });
    expect(describeFinding(found).advice).toBe('lower the learning rate to 0.0001.');
    // Rising two epochs in a row, but not yet half again above the lowest (0.7 < 0.75): not diverging.
    expect(rules(diagnose(input(growing.slice(0, 5))))).toEqual([]);
  });

  it('plateau: a training loss level for five epochs before the model fits, with a higher rate to try', () => {
    const flat = history(12, { trainLoss: (e) => (e <= 6 ? 2.3 - 0.2 * e : 1.1 + 0.002 * Math.sin(e)), valLoss: (e) => (e <= 6 ? 2.3 - 0.2 * e : 1.15), trainAcc: () => 0.6 });
    const found = only(diagnose(input(flat)), 'plateau');
    expect(found).toMatchObject({ epochs: { first: 8, last: 12 }, tryLearningRate: 0.003, scheduled: false });
    expect(describeFinding(found).advice).toContain('or use a schedule');
    // The same curve on a training set already learnt is a finished model, not a plateau.
    const fitted = history(12, { trainLoss: () => 0.01, valLoss: () => 0.05, trainAcc: () => 1 });
    expect(rules(diagnose(input(fitted)))).toEqual([]);
    // During a warm-up the rate is still rising: no call yet.
    const warming = input(flat.slice(0, 10), { config: { ...DEFAULT_TRAINING, schedule: { base: { kind: 'constant' }, warmupEpochs: 6 } } });
    expect(rules(diagnose(warming))).not.toContain('plateau');
  });

  it('underfitting: training accuracy low and flat while the loss still creeps down', () => {
    const weak = history(10, { trainLoss: (e) => 1.2 - 0.03 * e, valLoss: (e) => 1.25 - 0.03 * e, trainAcc: (e) => 0.55 + 0.002 * e, valAcc: () => 0.52 });
    const found = only(diagnose(input(weak)), 'underfitting');
    expect(found).toMatchObject({ epochs: { first: 6, last: 10 } });
    expect(describeFinding(found)).toEqual({ seen: 'Training accuracy is only 57 % and hardly moved over epochs 6–10: the model is underfitting.', advice: 'a bigger model (more filters or layers) or more epochs.' });
    // Still climbing by several points an epoch: give it time.
    const learning = history(10, { trainLoss: (e) => 1.2 - 0.03 * e, valLoss: (e) => 1.25 - 0.03 * e, trainAcc: (e) => 0.3 + 0.04 * e });
    expect(rules(diagnose(input(learning)))).toEqual([]);
  });

  it('imbalance: class sizes far apart without class weights, naming the classes as the user typed them', () => {
    const names = ['<b>cats</b>', 'dogs'];
    const found = only(diagnose(input(healthy, { classes: { names, counts: [300, 60] } })), 'imbalance');
    expect(found).toMatchObject({ source: 'samples', largest: '<b>cats</b>', smallest: 'dogs', ratio: 5, epochs: null });
    expect(describeFinding(found).seen).toBe('Class “<b>cats</b>” has 5.0× the training samples of class “dogs”: the model will favour the larger classes.');
    const weighted = input(healthy, { classes: { names, counts: [300, 60] }, config: { ...DEFAULT_TRAINING, classWeighting: 'balanced' } });
    expect(diagnose(weighted)).toEqual([]);
  });

  it('imbalance: one class drawing most of the validation errors, when an evaluation is known', () => {
    // 40 errors: 30 of them on "square".
    const confusion = [
      [38, 1, 1, 0],
      [20, 10, 5, 5],
      [1, 2, 37, 0],
      [2, 1, 2, 35],
    ];
    const found = only(diagnose(input(healthy, { confusion })), 'imbalance');
    expect(found).toMatchObject({ source: 'errors', className: 'square', errorShare: 0.75, weighted: false, underrepresented: false });
    // Every class has 160 samples: balanced weights would all be 1, so the advice is better samples.
    expect(describeFinding(found).advice).toBe('“square” has as many training samples as the other classes, so class weights would not change it: add more, and more varied, samples of it, and see in the confusion matrix which class it is taken for.');
    const fewSquares = only(diagnose(input(healthy, { confusion, classes: { names: ['circle', 'square', 'triangle', 'cross'], counts: [160, 60, 160, 160] } })), 'imbalance');
    expect(fewSquares).toMatchObject({ source: 'errors', className: 'square', underrepresented: true });
    expect(describeFinding(fewSquares).advice).toBe('class weights (Regularization → Class weights: Balanced).');
    const weighted = only(diagnose(input(healthy, { confusion, config: { ...DEFAULT_TRAINING, classWeighting: 'balanced' } })), 'imbalance');
    expect(describeFinding(weighted).advice).toContain('class weights are on already');
    // Errors spread over the classes: nobody dominates.
    const spread = [
      [30, 4, 3, 3],
      [3, 30, 4, 3],
      [4, 3, 30, 3],
      [3, 3, 4, 30],
    ];
    expect(diagnose(input(healthy, { confusion: spread }))).toEqual([]);
  });

  it('a warm-up taking most of the run, with a tenth of it to try', () => {
    const config = { ...DEFAULT_TRAINING, epochs: 20, schedule: { base: { kind: 'cosine' as const, minFactor: 0.01 }, warmupEpochs: 8 } };
    const found = only(diagnose(input(healthy.slice(0, 3), { config })), 'long-warmup');
    expect(found).toMatchObject({ severity: 'advice', warmupEpochs: 8, totalEpochs: 20, tryWarmupEpochs: 2, epochs: { first: 1, last: 8 } });
    expect(diagnose(input(healthy.slice(0, 3), { config: { ...config, schedule: { ...config.schedule, warmupEpochs: 2 } } }))).toEqual([]);
  });

  it('a batch size near the whole training set, with a power of two that gives enough steps', () => {
    const config = { ...DEFAULT_TRAINING, batchSize: 256 };
    const found = only(diagnose(input(healthy, { config })), 'large-batch');
    // 640 samples in batches of 256: 3 steps an epoch; 64 gives 10.
    expect(found).toMatchObject({ batchSize: 256, trainSamples: 640, stepsPerEpoch: 3, tryBatchSize: 64, epochs: null });
    expect(describeFinding(found).seen).toBe('A batch of 256 on 640 training samples makes only 3 updates per epoch.');
  });

  it('puts problems before warnings before advice', () => {
    const nan = history(4, { trainLoss: (e) => (e === 4 ? Number.NaN : 1 / e), valLoss: (e) => 1 / e });
    const findings = diagnose(input(nan, { config: { ...DEFAULT_TRAINING, batchSize: 256 }, classes: { names: ['a', 'b'], counts: [500, 140] } }));
    expect(findings.map((f) => f.severity)).toEqual(['problem', 'warning', 'advice']);
  });
});

describe('what the doctor reads from the training session', () => {
  const classInfo = { classes: ['a', 'b'], counts: [300, 60], weights: null };
  const session = { epochs: healthy, bestEpoch: null, status: 'done' as const, outcome: 'completed' as const, classInfo, trainedConfig: null, settings: defaultSettings() };

  it("judges the run by the settings it trained with, not the panel's edits since", () => {
    const trainedConfig = { ...DEFAULT_TRAINING, batchSize: 512 };
    const edited = { ...session, trainedConfig, settings: { ...defaultSettings(), config: { ...DEFAULT_TRAINING, batchSize: 8 } } };
    expect(doctorInput(edited).config.batchSize).toBe(512);
    // A run from a project brings its settings in the panel: those are the run's.
    expect(doctorInput(session).config).toBe(session.settings.config);
    expect(doctorInput(session).classes).toEqual({ names: ['a', 'b'], counts: [300, 60] });
  });

  it("takes the evaluation's confusion matrix: the errors, once known, outweigh the class sizes", () => {
    const confusion = [
      [58, 2],
      [30, 30],
    ];
    const findings = diagnose(doctorInput(session, confusion));
    expect(findings).toMatchObject([{ rule: 'imbalance', source: 'errors', className: 'b', errorShare: 30 / 32 }]);
    expect(diagnose(doctorInput(session))).toMatchObject([{ rule: 'imbalance', source: 'samples', largest: 'a', smallest: 'b' }]);
  });

  it('reports no outcome while the run trains, and shows from the first epoch or a diverged start', () => {
    expect(doctorInput({ ...session, status: 'training', outcome: 'diverged' }).outcome).toBeNull();
    expect(doctorShown({ ...session, epochs: [], status: 'idle', outcome: null })).toBe(false);
    expect(doctorShown({ ...session, epochs: [], status: 'done', outcome: 'diverged' })).toBe(true);
    expect(doctorShown({ ...session, epochs: healthy.slice(0, 1), status: 'idle', outcome: null })).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { hasPath } from '$lib/lessons/shared/checks';
import { LESSONS, lessonById, MNIST_TARGET, PICTURES_PER_CLASS } from '$lib/lessons/shared/catalog';
import type { LessonSnapshot, LessonStart } from '$lib/lessons/shared/lesson';
import { lessonProgressRecord, NO_PROGRESS, parseLessonProgress, type LessonProgress } from '$lib/lessons/shared/progress';
import { LessonGuide } from '$lib/lessons/client/lesson-guide.svelte';
import { defaultSpec, PRESETS } from '$lib/spec/presets';
import { LAYERS } from '$lib/spec/layers';
import type { GraphSpec, LayerNode } from '$lib/spec/types';
import type { EpochPoint } from '$lib/training/shared/protocol';
import { lessonStepsWithText, lessonText } from '$lib/lessons/shared/lesson-text';

const epoch = (valAcc: number, i = 0): EpochPoint => ({ epoch: i, trainLoss: 1, trainAcc: valAcc, valLoss: 1, valAcc, seconds: 1, numTensors: 0, lr: 0.01 });

function snapshot(over: Partial<LessonSnapshot> = {}): LessonSnapshot {
  return {
    spec: defaultSpec(4),
    valid: true,
    workspace: 'model',
    dataset: 'shapes',
    earlyStopping: false,
    status: 'idle',
    epochs: [],
    trainedSpec: null,
    trainedDataset: null,
    userDatasets: [],
    liveReady: false,
    ...over,
  };
}

/** A chain of layers with palette defaults, each fed by the one before. */
function chain(...layers: [LayerNode['kind'], Record<string, unknown>?][]): GraphSpec {
  const nodes = layers.map(([kind, params = {}], i) => ({ id: `n${i}`, kind, params: { ...LAYERS[kind].defaults, ...params }, inputs: i ? [`n${i - 1}`] : [] }) as LayerNode);
  return { format: 'netloom-graph', version: 1, name: 'test', nodes };
}

const check = (lesson: string, step: string, state: LessonSnapshot) => {
  const found = LESSONS.find((l) => l.id === lesson)!.steps.find((s) => s.id === step)!;
  return found.check!(state);
};

describe('lesson checks', () => {
  it('hasPath finds layers in order along a path from the Input, with layers between them', () => {
    const spec = chain(['Input'], ['Conv2D', { filters: 16 }], ['BatchNormalization'], ['MaxPool2D'], ['Flatten'], ['Dense']);
    expect(hasPath(spec, ['Input', 'Conv2D', 'MaxPool2D', 'Dense'])).toBe(true);
    expect(hasPath(spec, ['Input', 'MaxPool2D', 'Conv2D'])).toBe(false);
    expect(hasPath(spec, ['Input', 'Conv2D'], (n) => n.kind !== 'Conv2D' || n.params.filters === 8)).toBe(false);
  });

  it('a Conv2D not wired to the Input does not count', () => {
    const spec = chain(['Input'], ['Dense']);
    spec.nodes.push({ id: 'loose', kind: 'Conv2D', params: { ...LAYERS.Conv2D.defaults, filters: 16 }, inputs: [] } as LayerNode);
    expect(check('firstCnn', 'conv', snapshot({ spec }))).toBe(false);
  });

  it('lesson 1: "a Conv2D with 16 filters wired after the Input", then pooling, then a valid net ending in Dense', () => {
    expect(check('firstCnn', 'conv', snapshot({ spec: chain(['Input'], ['Conv2D', { filters: 8 }]) }))).toBe(false);
    expect(check('firstCnn', 'conv', snapshot({ spec: chain(['Input'], ['Conv2D', { filters: 16 }]) }))).toBe(true);
    expect(check('firstCnn', 'pool', snapshot({ spec: chain(['Input'], ['Conv2D'], ['MaxPool2D']) }))).toBe(true);
    const full = chain(['Input'], ['Conv2D'], ['MaxPool2D'], ['Flatten'], ['Dense']);
    expect(check('firstCnn', 'dense', snapshot({ spec: full, valid: false }))).toBe(false);
    expect(check('firstCnn', 'dense', snapshot({ spec: full }))).toBe(true);
  });

  it('"validation accuracy passed 90 %" on MNIST', () => {
    const trained = { trainedSpec: PRESETS.lenet5(10), trainedDataset: 'mnist' };
    expect(check('mnistLenet', 'train', snapshot({ ...trained, epochs: [epoch(0.5), epoch(MNIST_TARGET - 0.01, 1)] }))).toBe(false);
    expect(check('mnistLenet', 'train', snapshot({ ...trained, epochs: [epoch(0.5), epoch(MNIST_TARGET + 0.01, 1)] }))).toBe(true);
    expect(check('mnistLenet', 'train', snapshot({ ...trained, trainedDataset: 'shapes', epochs: [epoch(0.99)] }))).toBe(false);
  });

  it('lesson 3 needs a trained separable net after a trained plain one', () => {
    const plain = lessonById('separable').start.spec!(4);
    const separable = chain(['Input'], ['Conv2D'], ['MaxPool2D'], ['SeparableConv2D'], ['Flatten'], ['Dense']);
    expect(check('separable', 'baseline', snapshot({ status: 'done', epochs: [epoch(0.9)], trainedSpec: plain }))).toBe(true);
    expect(check('separable', 'swap', snapshot({ spec: plain }))).toBe(false);
    expect(check('separable', 'swap', snapshot({ spec: separable }))).toBe(true);
    expect(check('separable', 'retrain', snapshot({ status: 'done', epochs: [epoch(0.9)], trainedSpec: plain }))).toBe(false);
    expect(check('separable', 'retrain', snapshot({ status: 'done', epochs: [epoch(0.9)], trainedSpec: separable }))).toBe(true);
  });

  it('lesson 4 wants two classes with enough pictures each, then that dataset picked', () => {
    const few = { key: 'user:a', classes: 2, samples: 2 * PICTURES_PER_CLASS - 1 };
    expect(check('ownClasses', 'collect', snapshot({ userDatasets: [few] }))).toBe(false);
    expect(check('ownClasses', 'collect', snapshot({ userDatasets: [{ ...few, samples: 2 * PICTURES_PER_CLASS }] }))).toBe(true);
    expect(check('ownClasses', 'choose', snapshot({ dataset: 'user:a' }))).toBe(true);
    expect(check('ownClasses', 'live', snapshot({ workspace: 'live', liveReady: false }))).toBe(false);
  });

  it('every lesson and step has its text', () => {
    for (const lesson of LESSONS) {
      expect(lessonText(lesson.id).title.length).toBeGreaterThan(0);
      expect(lessonStepsWithText(lesson.id).sort()).toEqual(lesson.steps.map((s) => s.id).sort());
    }
  });
});

describe('lesson progress record', () => {
  it('round-trips and clamps a step past the end of a lesson', () => {
    const progress: LessonProgress = { active: 'firstCnn', steps: { firstCnn: 2, separable: 99 }, finished: ['mnistLenet'] };
    const parsed = parseLessonProgress(JSON.parse(JSON.stringify(lessonProgressRecord(progress))));
    expect(parsed).toEqual({ ok: true, value: { ...progress, steps: { firstCnn: 2, separable: lessonById('separable').steps.length - 1 } } });
  });

  it('refuses an unknown lesson and a newer version', () => {
    expect(parseLessonProgress({ ...lessonProgressRecord(NO_PROGRESS), active: 'nope' }).ok).toBe(false);
    expect(parseLessonProgress({ ...lessonProgressRecord(NO_PROGRESS), version: 9 }).ok).toBe(false);
  });
});

/** A page stand-in: its state is a plain object the test changes, as the learner would. */
function fakeApp(initial: Partial<LessonSnapshot> = {}) {
  let state = snapshot(initial);
  let saved: LessonProgress = NO_PROGRESS;
  const opened: LessonStart[] = [];
  const ports = {
    snapshot: () => state,
    open: (start: LessonStart) => (opened.push(start), true),
    load: () => saved,
    save: (p: LessonProgress) => (saved = p),
  };
  return { ports, opened, saved: () => saved, set: (over: Partial<LessonSnapshot>) => (state = { ...state, ...over }) };
}

describe('LessonGuide', () => {
  it('opens the lesson start, advances as each check passes, and finishes', () => {
    const app = fakeApp();
    const guide = new LessonGuide(app.ports);
    guide.start('firstCnn');
    expect(app.opened).toEqual([lessonById('firstCnn').start]);
    expect(guide.step?.id).toBe('conv');
    guide.follow();
    expect(guide.step?.id).toBe('conv');
    app.set({ spec: chain(['Input'], ['Conv2D', { filters: 16 }], ['MaxPool2D'], ['Flatten'], ['Dense']) });
    // The guide reads the state through the port on each check; a new guide sees the change (no reactivity in Node).
    const live = new LessonGuide(app.ports);
    for (let i = 0; i < 3; i++) live.follow();
    expect(live.step?.id).toBe('train');
    expect(app.saved().steps.firstCnn).toBe(3);
  });

  it('a "train it" step is not passed by a run from before the step', () => {
    const old = defaultSpec(4);
    const app = fakeApp({ trainedSpec: old, status: 'done', epochs: [epoch(0.95)], trainedDataset: 'shapes' });
    const guide = new LessonGuide(app.ports);
    guide.restart('separable');
    expect(guide.step?.id).toBe('baseline');
    expect(guide.done).toBe(false);
  });

  it('leaving keeps the step; starting again resumes there; a finished lesson starts over', () => {
    const app = fakeApp();
    const guide = new LessonGuide(app.ports);
    guide.start('mnistLenet');
    guide.next();
    guide.leave();
    expect(guide.lesson).toBeNull();
    const again = new LessonGuide(app.ports);
    again.start('mnistLenet');
    expect(again.stepIndex).toBe(1);
    expect(app.opened.length).toBe(1);
    for (let i = again.stepIndex; i < lessonById('mnistLenet').steps.length; i++) again.next();
    expect(again.completed).toBe('mnistLenet');
    expect(app.saved().finished).toEqual(['mnistLenet']);
    again.start('mnistLenet');
    expect(again.stepIndex).toBe(0);
    expect(app.opened.length).toBe(2);
  });
});

import { PRESETS } from '$lib/spec/presets';
import { LAYERS } from '$lib/spec/layers';
import { SPEC_FORMAT, SPEC_VERSION, type GraphSpec, type LayerNode } from '$lib/spec/types';
import { bestValAcc, countKind, finishedRun, hasPath } from './checks';
import type { Lesson, LessonId } from './lesson';

/** Lesson 1 starts from an Input alone: building the rest is the lesson. */
function inputOnly(): GraphSpec {
  const input = { id: 'input', kind: 'Input', params: { ...LAYERS.Input.defaults, height: 28, width: 28, channels: 1 }, inputs: [] } as LayerNode;
  return { format: SPEC_FORMAT, version: SPEC_VERSION, name: 'My first CNN', nodes: [input] };
}

/** Two plain 3×3 convolutions: the second is the one lesson 3 makes separable. */
function twoConvs(classes: number): GraphSpec {
  const steps: [string, LayerNode['kind'], Record<string, unknown>][] = [
    ['input', 'Input', { height: 28, width: 28, channels: 1 }],
    ['conv1', 'Conv2D', { filters: 16 }],
    ['pool1', 'MaxPool2D', {}],
    ['conv2', 'Conv2D', { filters: 32 }],
    ['pool2', 'MaxPool2D', {}],
    ['flatten', 'Flatten', {}],
    ['output', 'Dense', { units: classes, activation: 'softmax' }],
  ];
  const nodes = steps.map(([id, kind, params], i) => ({ id, kind, params: { ...LAYERS[kind].defaults, ...params }, inputs: i === 0 ? [] : [steps[i - 1][0]] }) as LayerNode);
  return { format: SPEC_FORMAT, version: SPEC_VERSION, name: 'Two convolutions', nodes };
}

/** The accuracy lesson 2 asks for: LeNet-5 passes it on MNIST within a few epochs. */
export const MNIST_TARGET = 0.9;
/** Lesson 1's Shapes are easy: a first CNN that learns anything passes this. */
export const SHAPES_TARGET = 0.8;
/** Pictures per class that make a webcam dataset worth training on. */
export const PICTURES_PER_CLASS = 10;

export const LESSONS: readonly Lesson[] = [
  {
    id: 'firstCnn',
    start: { spec: inputOnly, dataset: 'shapes' },
    steps: [
      { id: 'conv', check: (s) => hasPath(s.spec, ['Input', 'Conv2D'], (n) => n.kind !== 'Conv2D' || n.params.filters === 16) },
      { id: 'pool', check: (s) => hasPath(s.spec, ['Input', 'Conv2D', 'MaxPool2D']) },
      { id: 'dense', check: (s) => s.valid && hasPath(s.spec, ['Input', 'Conv2D', 'MaxPool2D', 'Dense']) },
      { newRun: true, id: 'train', check: (s) => s.epochs.length > 0 && countKind(s.trainedSpec, 'Conv2D') > 0 },
      { id: 'curves', check: (s) => finishedRun(s) && bestValAcc(s) >= SHAPES_TARGET },
    ],
  },
  {
    id: 'mnistLenet',
    start: { spec: PRESETS.lenet5, dataset: 'mnist' },
    steps: [
      { id: 'look' },
      { newRun: true, id: 'train', check: (s) => s.trainedDataset === 'mnist' && bestValAcc(s) >= MNIST_TARGET },
      { id: 'overfit' },
      { id: 'earlyStop', check: (s) => s.earlyStopping },
      { newRun: true, id: 'bestEpoch', check: (s) => s.earlyStopping && finishedRun(s) },
    ],
  },
  {
    id: 'separable',
    start: { spec: twoConvs, dataset: 'shapes' },
    steps: [
      { newRun: true, id: 'baseline', check: (s) => finishedRun(s) && countKind(s.trainedSpec, 'Conv2D') >= 2 && countKind(s.trainedSpec, 'SeparableConv2D') === 0 },
      { id: 'swap', check: (s) => s.valid && countKind(s.spec, 'SeparableConv2D') > 0 },
      { newRun: true, id: 'retrain', check: (s) => finishedRun(s) && countKind(s.trainedSpec, 'SeparableConv2D') > 0 },
      { id: 'compare' },
    ],
  },
  {
    id: 'ownClasses',
    start: {},
    steps: [
      { id: 'collect', check: (s) => s.userDatasets.some((d) => d.classes >= 2 && d.samples >= d.classes * PICTURES_PER_CLASS) },
      { id: 'choose', check: (s) => s.dataset.startsWith('user:') },
      { newRun: true, id: 'train', check: (s) => finishedRun(s) && s.trainedDataset?.startsWith('user:') === true },
      { id: 'live', check: (s) => s.workspace === 'live' && s.liveReady },
      { id: 'export' },
    ],
  },
];

export const LESSON_IDS = LESSONS.map((l) => l.id);

export const lessonById = (id: LessonId): Lesson => LESSONS.find((l) => l.id === id)!;

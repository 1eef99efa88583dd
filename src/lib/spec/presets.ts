import { LAYERS } from './layers';
import { SPEC_FORMAT, SPEC_VERSION, type ActivationName, type GraphSpec, type LayerKind, type LayerNode } from './types';

type Step = [id: string, kind: LayerKind, params?: Record<string, unknown>, inputs?: string[]];

/** A graph from terse steps: palette defaults plus overrides; each step feeds on the previous one unless it names its inputs. */
function graph(name: string, steps: Step[]): GraphSpec {
  const nodes = steps.map(
    ([id, kind, params = {}, inputs], i) =>
      ({ id, kind, params: { ...LAYERS[kind].defaults, ...params }, inputs: inputs ?? (i === 0 ? [] : [steps[i - 1][0]]) }) as LayerNode,
  );
  return { format: SPEC_FORMAT, version: SPEC_VERSION, name, nodes };
}

const INPUT: Step = ['input', 'Input', { height: 28, width: 28, channels: 1 }];
const output = (classes: number, inputs?: string[]): Step => ['output', 'Dense', { units: classes, activation: 'softmax' }, inputs];
/** Convolutions followed by BatchNorm need no bias (BN's beta replaces it) nor an activation of their own. */
const bare = { activation: 'linear', useBias: false };

/**
 * Runs here are a few dozen steps long: with Keras's default momentum 0.99 the moving statistics
 * used at inference would barely leave their initial values, so validation would see a different
 * network than training did. 0.9 (PyTorch's default) settles within a short run.
 */
const BN = { momentum: 0.9 };

/** Conv → BN → activation, the unit MobileNet and ResNet are made of. */
function convBnAct(prefix: string, kind: 'Conv2D' | 'DepthwiseConv2D', params: Record<string, unknown>, activation: ActivationName, inputs?: string[]): Step[] {
  return [
    [prefix, kind, { ...bare, ...params }, inputs],
    [`${prefix}_bn`, 'BatchNormalization', BN],
    [`${prefix}_${activation}`, 'Activation', { activation }],
  ];
}

/** Two 3×3 convolutions with a skip connection; a 1×1 projection when the shape changes. */
function residualBlock(prefix: string, from: string, filters: number, strides: number): Step[] {
  const project = strides !== 1;
  const shortcut = project ? `${prefix}_proj_bn` : from;
  return [
    ...convBnAct(`${prefix}_conv1`, 'Conv2D', { filters, strides }, 'relu', [from]),
    [`${prefix}_conv2`, 'Conv2D', { ...bare, filters }],
    [`${prefix}_bn2`, 'BatchNormalization', BN],
    ...(project
      ? ([
          [`${prefix}_proj`, 'Conv2D', { ...bare, filters, kernelSize: 1, strides }, [from]],
          [`${prefix}_proj_bn`, 'BatchNormalization', BN],
        ] as Step[])
      : []),
    [`${prefix}_add`, 'Add', {}, [`${prefix}_bn2`, shortcut]],
    [`${prefix}_relu`, 'Activation', { activation: 'relu' }],
  ];
}

/** The model on the canvas at first open: small enough to train in seconds on a software GPU. Placed by the editor's layout. */
export function defaultSpec(classes = 4): GraphSpec {
  return graph('Tiny CNN', [
    INPUT,
    ['conv1', 'Conv2D'],
    ['pool1', 'MaxPool2D'],
    ['flatten', 'Flatten'],
    ['dense', 'Dense', { units: classes, activation: 'softmax' }],
  ]);
}

export type PresetId = 'tiny' | 'mlp' | 'lenet5' | 'vgg' | 'mobilenet' | 'resnet';

/** One-click starting models, all sized for the 28×28×1 Shapes images and quick to train on a software GPU; `tiny` is the model a first visit starts with. */
export const PRESETS: Record<PresetId, (classes: number) => GraphSpec> = {
  tiny: defaultSpec,
  mlp: (classes) => graph('MLP', [INPUT, ['flatten', 'Flatten'], ['hidden', 'Dense', { units: 32 }], output(classes)]),
  lenet5: (classes) =>
    graph('LeNet-5', [
      INPUT,
      ['conv1', 'Conv2D', { filters: 6, kernelSize: 5 }],
      ['pool1', 'AvgPool2D'],
      ['conv2', 'Conv2D', { filters: 16, kernelSize: 5, padding: 'valid' }],
      ['pool2', 'AvgPool2D'],
      ['flatten', 'Flatten'],
      ['fc1', 'Dense', { units: 120 }],
      ['fc2', 'Dense', { units: 84 }],
      output(classes),
    ]),
  vgg: (classes) =>
    graph('VGG-tiny', [
      INPUT,
      ['conv1a', 'Conv2D', { filters: 8 }],
      ['conv1b', 'Conv2D', { filters: 8 }],
      ['pool1', 'MaxPool2D'],
      ['conv2a', 'Conv2D', { filters: 16 }],
      ['conv2b', 'Conv2D', { filters: 16 }],
      ['pool2', 'MaxPool2D'],
      ['flatten', 'Flatten'],
      ['fc', 'Dense', { units: 32 }],
      ['dropout', 'Dropout', { rate: 0.25 }],
      output(classes),
    ]),
  mobilenet: (classes) =>
    graph('MobileNet-tiny', [
      INPUT,
      ...convBnAct('stem', 'Conv2D', { filters: 8, strides: 2 }, 'relu6'),
      ...convBnAct('dw1', 'DepthwiseConv2D', {}, 'relu6'),
      ...convBnAct('pw1', 'Conv2D', { filters: 16, kernelSize: 1 }, 'relu6'),
      ...convBnAct('dw2', 'DepthwiseConv2D', { strides: 2 }, 'relu6'),
      ...convBnAct('pw2', 'Conv2D', { filters: 16, kernelSize: 1 }, 'relu6'),
      ['gap', 'GlobalAveragePooling2D'],
      output(classes),
    ]),
  resnet: (classes) =>
    graph('ResNet-tiny', [
      INPUT,
      ...convBnAct('stem', 'Conv2D', { filters: 8 }, 'relu'),
      ['pool', 'MaxPool2D'],
      ...residualBlock('block1', 'pool', 8, 1),
      ...residualBlock('block2', 'block1_relu', 16, 2),
      ['gap', 'GlobalAveragePooling2D'],
      output(classes),
    ]),
};

export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

import { describe, expect, it } from 'vitest';
import { analyzeGraph, formatShape, validateForDataset, type GraphAnalysis } from '$lib/spec/analyze';
import { LAYERS } from '$lib/spec/layers';
import { defaultSpec } from '$lib/spec/presets';
import { SPEC_FORMAT, SPEC_VERSION, type GraphSpec, type LayerKind, type LayerNode, type LayerParamsByKind } from '$lib/spec/types';

/** A node with palette defaults overridden by `params`, fed by `inputs`. */
function layer<K extends LayerKind>(id: string, kind: K, inputs: string[] = [], params: Partial<LayerParamsByKind[K]> = {}): LayerNode {
  return { id, kind, params: { ...LAYERS[kind].defaults, ...params }, inputs } as LayerNode;
}

function graph(...nodes: LayerNode[]): GraphSpec {
  return { format: SPEC_FORMAT, version: SPEC_VERSION, name: 'test', nodes };
}

/** Each node fed by the one before it. */
function chain(...nodes: LayerNode[]): GraphSpec {
  return graph(...nodes.map((n, i) => ({ ...n, inputs: i === 0 ? [] : [nodes[i - 1].id] }) as LayerNode));
}

const input = (h = 28, w = 28, c = 1) => layer('in', 'Input', [], { height: h, width: w, channels: c });

function issueAt(a: GraphAnalysis, nodeId: string | null) {
  return a.issues.filter((i) => i.nodeId === nodeId);
}

describe('a valid chain', () => {
  const a = analyzeGraph(defaultSpec(4));

  it('is valid, ordered, with the Input and the Dense as ends', () => {
    expect(a.valid).toBe(true);
    expect(a.issues).toEqual([]);
    expect(a.order).toEqual(['input', 'conv1', 'pool1', 'flatten', 'dense']);
    expect(a.inputId).toBe('input');
    expect(a.outputId).toBe('dense');
  });

  it('has per-node shapes matching Keras', () => {
    expect(formatShape(a.nodes.conv1.shape)).toBe('28×28×8');
    expect(formatShape(a.nodes.pool1.shape)).toBe('14×14×8');
    expect(formatShape(a.nodes.flatten.shape)).toBe('1568');
    expect(formatShape(a.nodes.dense.shape)).toBe('4');
  });

  it('totals: conv 3·3·1·8+8 = 80, dense 1568·4+4 = 6,276 → 6,356 params; bytes are float32', () => {
    expect(a.totals.params).toBe(6_356);
    expect(a.totals.trainableParams).toBe(6_356);
    expect(a.totals.weightBytes).toBe(6_356 * 4);
    const conv = 28 * 28 * 8 * 9;
    const pool = 14 * 14 * 8 * 4;
    expect(a.totals.flops).toBe(conv + pool + 1_568 * 4);
    const values = 784 + 6_272 + 1_568 + 1_568 + 4;
    expect(a.totals.activationBytesPerSample).toBe(values * 4);
  });
});

describe('ResNet-style block', () => {
  /** Main path: two 3×3 convs (first strided); shortcut: optional 1×1 stride-2 projection. */
  function resnet(projection: boolean): GraphSpec {
    const shortcut = projection ? 'proj' : 'in';
    return graph(
      input(32, 32, 16),
      layer('c1', 'Conv2D', ['in'], { filters: 32, strides: 2, activation: 'linear', useBias: false }),
      layer('bn1', 'BatchNormalization', ['c1']),
      layer('relu1', 'Activation', ['bn1'], { activation: 'relu' }),
      layer('c2', 'Conv2D', ['relu1'], { filters: 32, activation: 'linear', useBias: false }),
      layer('bn2', 'BatchNormalization', ['c2']),
      ...(projection ? [layer('proj', 'Conv2D', ['in'], { filters: 32, kernelSize: 1, strides: 2, activation: 'linear', useBias: false })] : []),
      layer('add', 'Add', ['bn2', shortcut]),
      layer('relu2', 'Activation', ['add'], { activation: 'relu' }),
      layer('gap', 'GlobalAveragePooling2D', ['relu2']),
      layer('out', 'Dense', ['gap'], { units: 10, activation: 'softmax' }),
    );
  }

  it('with a 1×1 projection shortcut is valid', () => {
    const a = analyzeGraph(resnet(true));
    expect(a.issues).toEqual([]);
    expect(a.valid).toBe(true);
    expect(formatShape(a.nodes.add.shape)).toBe('16×16×32');
    expect(a.nodes.proj.params).toBe(16 * 32);
    expect(a.nodes.bn1.trainableParams).toBe(64);
    expect(a.outputId).toBe('out');
    // c1 4608 + c2 9216 + proj 512 + 2 BN · 128 + dense 330
    expect(a.totals.params).toBe(4_608 + 9_216 + 512 + 256 + 330);
    expect(a.totals.trainableParams).toBe(a.totals.params - 128);
  });

  it('without it, the Add reports both shapes and suggests the projection', () => {
    const a = analyzeGraph(resnet(false));
    expect(a.valid).toBe(false);
    expect(a.issues).toEqual([
      { nodeId: 'add', message: 'Add needs equal shapes: 16×16×32 vs 32×32×16', hint: 'add a 1×1 Conv2D projection on the shortcut' },
    ]);
    expect(a.nodes.add.error?.message).toContain('Add needs equal shapes');
  });

  it('only the root cause is marked: downstream layers get no shape and no error', () => {
    const a = analyzeGraph(resnet(false));
    for (const id of ['relu2', 'gap', 'out']) {
      expect(a.nodes[id].shape).toBeNull();
      expect(a.nodes[id].error).toBeUndefined();
    }
  });
});

describe('layer errors inside a graph', () => {
  it('kernel too big after pooling', () => {
    const a = analyzeGraph(
      chain(
        input(8, 8, 16),
        layer('pool', 'MaxPool2D'),
        layer('conv', 'Conv2D', [], { kernelSize: 5, padding: 'valid' }),
        layer('flat', 'Flatten'),
        layer('out', 'Dense', [], { units: 2 }),
      ),
    );
    expect(a.issues).toEqual([
      {
        nodeId: 'conv',
        message: 'Conv2D k=5 valid on 4×4×16: output would be 0×0',
        hint: 'use padding same, a smaller kernel, or remove a pooling layer before it',
      },
    ]);
    expect(a.nodes.pool.shape).toEqual([4, 4, 16]);
    expect(a.nodes.conv.shape).toBeNull();
  });

  it('Dense fed 3-D', () => {
    const a = analyzeGraph(chain(input(), layer('conv', 'Conv2D'), layer('out', 'Dense', [], { units: 10 })));
    expect(a.issues).toEqual([
      { nodeId: 'out', message: 'Dense needs a vector input, got 28×28×8', hint: 'insert Flatten (or GlobalAvgPool) before Dense' },
    ]);
  });

  it('Reshape mismatch', () => {
    const a = analyzeGraph(
      chain(input(), layer('conv', 'Conv2D', [], { filters: 2 }), layer('flat', 'Flatten'), layer('r', 'Reshape', [], { targetShape: [7, 7, 16] })),
    );
    expect(issueAt(a, 'r')[0].message).toBe('Reshape to 7×7×16 needs 784 values, input has 1568');
  });

  it('a bad parameter is reported at the node, naming the field by its label and range', () => {
    const a = analyzeGraph(chain(input(), layer('conv', 'Conv2D', [], { filters: 0 })));
    expect(a.issues.map((i) => [i.nodeId, i.message])).toEqual([['conv', 'Conv2D: Filters must be a whole number from 1 to 1024 (not 0).']]);
  });
});

describe('graph structure', () => {
  it('cycle: every node on it is marked with the loop; downstream nodes are not', () => {
    const a = analyzeGraph(
      graph(
        input(),
        layer('a', 'Add', ['in', 'c']),
        layer('b', 'Conv2D', ['a'], { filters: 1 }),
        layer('c', 'Activation', ['b']),
        layer('d', 'Flatten', ['c']),
      ),
    );
    expect(a.valid).toBe(false);
    expect(issueAt(a, 'a')[0].message).toBe('This layer is part of a cycle: a → b → c → a');
    expect(issueAt(a, 'b')[0].message).toBe('This layer is part of a cycle: b → c → a → b');
    expect(issueAt(a, 'c')[0].message).toBe('This layer is part of a cycle: c → a → b → c');
    expect(issueAt(a, 'd')).toEqual([]);
    expect(a.nodes.d.shape).toBeNull();
    expect(a.order).toEqual(['in']);
  });

  it('a self-loop is a cycle', () => {
    const a = analyzeGraph(graph(input(), layer('x', 'Add', ['in', 'x'])));
    expect(issueAt(a, 'x')[0].message).toBe('This layer is part of a cycle: x → x');
  });

  it('dangling side branch is marked at that node, naming the real output; it keeps its shape', () => {
    const a = analyzeGraph(
      graph(
        input(),
        layer('conv', 'Conv2D', ['in']),
        layer('side', 'Dropout', ['conv']),
        layer('flat', 'Flatten', ['conv']),
        layer('out', 'Dense', ['flat'], { units: 10 }),
      ),
    );
    expect(a.outputId).toBe('out');
    expect(a.issues).toEqual([
      {
        nodeId: 'side',
        message: "Not connected: this layer's output feeds nothing ('out' is the model output)",
        hint: 'connect it to a later layer, or delete it',
      },
    ]);
    expect(a.nodes.side.shape).toEqual([28, 28, 8]);
  });

  it('a layer with no input is "not connected", and layers it feeds are not re-reported', () => {
    const a = analyzeGraph(
      graph(input(), layer('flat', 'Flatten', ['in']), layer('out', 'Dense', ['flat']), layer('lost', 'Conv2D'), layer('after', 'Flatten', ['lost'])),
    );
    expect(a.issues.map((i) => [i.nodeId, i.message])).toEqual([['lost', 'Not connected: Conv2D has no input']]);
    expect(a.nodes.after.shape).toBeNull();
  });

  it('two Inputs: the one feeding the model is kept, the stray one is marked', () => {
    const a = analyzeGraph(graph(layer('in2', 'Input'), input(), layer('flat', 'Flatten', ['in']), layer('out', 'Dense', ['flat'])));
    expect(a.inputId).toBe('in');
    expect(a.issues).toEqual([
      {
        nodeId: 'in2',
        message: "Only one Input layer is supported and 'in' is already the input",
        hint: "delete this Input and connect its layers to 'in'",
      },
    ]);
  });

  it('no Input is a graph-level issue', () => {
    const a = analyzeGraph(graph());
    expect(a.valid).toBe(false);
    expect(a.issues).toEqual([{ nodeId: null, message: 'The model has no Input layer', hint: 'add an Input layer from the palette' }]);
    expect(a.outputId).toBeNull();
  });

  it('wrong input counts against arity, each reported at its own node', () => {
    const a = analyzeGraph(
      graph(
        input(),
        layer('c1', 'Conv2D', ['in']),
        layer('c2', 'Conv2D', ['in']),
        layer('both', 'Conv2D', ['c1', 'c2']),
        layer('lonely', 'Add', ['both']),
      ),
    );
    // Structural problems are independent root causes, so a node downstream of one still gets its own.
    expect(a.issues.map((i) => [i.nodeId, i.message])).toEqual([
      ['both', 'Conv2D takes exactly 1 input, got 2'],
      ['lonely', 'Add needs at least 2 inputs, got 1'],
    ]);
  });

  it('Input with an incoming connection', () => {
    const a = analyzeGraph(graph(input(), layer('c', 'Conv2D', ['in']), layer('in2', 'Input', ['c'])));
    expect(issueAt(a, 'in2').map((i) => i.message)).toEqual(['Input takes no inputs, got 1']);
  });

  it('input referencing an unknown node', () => {
    const a = analyzeGraph(graph(input(), layer('c', 'Conv2D', ['ghost'])));
    expect(issueAt(a, 'c')[0]).toEqual({ nodeId: 'c', message: "Connected to a missing layer 'ghost'", hint: 'reconnect this layer to an existing layer' });
  });

  it('duplicate ids', () => {
    const a = analyzeGraph(graph(input(), layer('c', 'Conv2D', ['in']), layer('c', 'Dropout', ['in'])));
    expect(issueAt(a, 'c')[0].message).toBe("Duplicate id 'c': 2 layers share it");
    expect(a.issues).toHaveLength(1);
  });
});

describe('specs read from files', () => {
  // Format, version and malformed nodes are refused before any analysis: see parse-spec.test.ts.
  it('an unknown kind is an error at the node', () => {
    const spec = graph(input(), { id: 'x', kind: 'Conv3D', params: {}, inputs: ['in'] } as unknown as LayerNode);
    expect(issueAt(analyzeGraph(spec), 'x')[0].message).toBe("Unknown layer kind 'Conv3D'");
  });
});

describe('validateForDataset', () => {
  const mnist = { height: 28, width: 28, channels: 1, classes: 10 };

  it('a matching model has no issues', () => {
    expect(validateForDataset(analyzeGraph(defaultSpec(10)), mnist)).toEqual([]);
  });

  it('input size and class count mismatches, with the Dense units to set', () => {
    const issues = validateForDataset(analyzeGraph(defaultSpec(4)), { height: 32, width: 32, channels: 3, classes: 10 });
    expect(issues).toEqual([
      {
        nodeId: 'input',
        message: 'The Input is 28×28×1 but the dataset images are 32×32×3',
        hint: 'set the Input to height 32, width 32, channels 3',
        fix: { height: 32, width: 32, channels: 3 },
      },
      {
        nodeId: 'dense',
        message: 'The output is 4 but the dataset has 10 classes: it must be a vector of 10 values',
        hint: 'set the units of the last Dense layer to 10',
        fix: { units: 10 },
      },
    ]);
  });

  it('the Input fix sets only the sizes that differ', () => {
    const [issue] = validateForDataset(analyzeGraph(defaultSpec(4)), { height: 28, width: 28, channels: 3, classes: 4 });
    expect(issue.fix).toEqual({ channels: 3 });
  });

  it('an image output is told to end with Flatten and Dense', () => {
    const issues = validateForDataset(analyzeGraph(chain(input(), layer('conv', 'Conv2D'))), mnist);
    expect(issues[0].hint).toBe('end the model with Flatten (or GlobalAvgPool) and a Dense layer with 10 units');
    expect(issues[0].fix).toBeUndefined();
  });
});

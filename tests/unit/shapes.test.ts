import { describe, expect, it } from 'vitest';
import { LAYERS, LAYER_KINDS } from '$lib/spec/layers';
import { arityError, formatShape, inferLayer, isLayerError, type InferResult, type LayerStats } from '$lib/spec/shapes';
import type { LayerKind, LayerNode, LayerParamsByKind, Shape } from '$lib/spec/types';

/** A node of `kind` with the palette defaults, overridden by `params`. */
function layer<K extends LayerKind>(kind: K, params: Partial<LayerParamsByKind[K]> = {}): LayerNode {
  return { id: kind.toLowerCase(), kind, params: { ...LAYERS[kind].defaults, ...params }, inputs: [] } as LayerNode;
}

function ok(result: InferResult): LayerStats {
  if (isLayerError(result)) throw new Error(`expected stats, got error: ${result.error}`);
  return result;
}

function fails(result: InferResult): { error: string; hint?: string } {
  if (!isLayerError(result)) throw new Error(`expected an error, got shape ${formatShape(result.shape)}`);
  return result;
}

const infer = <K extends LayerKind>(kind: K, params: Partial<LayerParamsByKind[K]>, ...inputs: Shape[]) =>
  inferLayer(layer(kind, params), inputs);

describe('Input', () => {
  it('gives [H, W, C] with no params or cost', () => {
    expect(ok(infer('Input', { height: 28, width: 28, channels: 1 }))).toEqual({ shape: [28, 28, 1], params: 0, trainableParams: 0, flops: 0 });
  });

  it('rejects a non-positive or fractional dimension, naming the field', () => {
    expect(fails(infer('Input', { height: 0 })).error).toBe('Input: Height must be a whole number from 1 to 1024 (not 0).');
    expect(fails(infer('Input', { channels: 1.5 })).error).toContain('Channels');
  });
});

describe('Conv2D', () => {
  it("3×3 32→64 'same' on 32×32×32: params 3·3·32·64 + 64 = 18,496, MACs 32·32·64·3·3·32 = 18,874,368", () => {
    const r = ok(infer('Conv2D', { filters: 64, kernelSize: 3, padding: 'same' }, [32, 32, 32]));
    expect(r).toEqual({ shape: [32, 32, 64], params: 18_496, trainableParams: 18_496, flops: 18_874_368 });
  });

  it("'valid' stride 2: out = floor((28 - 1·(3-1) - 1)/2) + 1 = 13; params 3·3·1·8 + 8 = 80", () => {
    const r = ok(infer('Conv2D', { filters: 8, kernelSize: 3, strides: 2, padding: 'valid' }, [28, 28, 1]));
    expect(r.shape).toEqual([13, 13, 8]);
    expect(r.params).toBe(80);
    expect(r.flops).toBe(13 * 13 * 8 * 9 * 1);
  });

  it("'same' stride 2 rounds up: ceil(7/2) = 4", () => {
    expect(ok(infer('Conv2D', { strides: 2, padding: 'same' }, [7, 7, 3])).shape).toEqual([4, 4, 8]);
  });

  it("dilation 2 'valid' k=3 on 28: floor((28 - 2·2 - 1)/1) + 1 = 24", () => {
    expect(ok(infer('Conv2D', { dilation: 2, padding: 'valid' }, [28, 28, 1])).shape).toEqual([24, 24, 8]);
  });

  it('useBias false drops the filters bias terms', () => {
    expect(ok(infer('Conv2D', { filters: 64, useBias: false }, [32, 32, 32])).params).toBe(18_432);
  });

  it('states the arithmetic when the kernel is bigger than the input', () => {
    const e = fails(infer('Conv2D', { kernelSize: 5, padding: 'valid' }, [4, 4, 16]));
    expect(e.error).toBe('Conv2D k=5 valid on 4×4×16: output would be 0×0');
    expect(e.hint).toBe('use padding same, a smaller kernel, or remove a pooling layer before it');
  });

  it('clamps a negative computed size at 0 and mentions a non-unit stride', () => {
    expect(fails(infer('Conv2D', { kernelSize: 5, strides: 2, padding: 'valid' }, [2, 9, 16])).error).toBe(
      'Conv2D k=5 stride=2 valid on 2×9×16: output would be 0×3',
    );
  });

  it('rejects strides > 1 together with dilation > 1, as tfjs does', () => {
    expect(fails(infer('Conv2D', { strides: 2, dilation: 2 }, [28, 28, 1])).hint).toBe('set strides or dilation to 1');
  });

  it.each([
    ['Filters', { filters: 0 }],
    ['Kernel size', { kernelSize: 0 }],
    ['Stride', { strides: 0 }],
    ['Dilation', { dilation: 1.5 }],
  ] as const)('rejects a bad %s, naming it by its label', (label, params) => {
    expect(fails(infer('Conv2D', params, [28, 28, 1])).error).toMatch(new RegExp(`^Conv2D: ${label} must be a whole number from 1 to `));
  });

  it('rejects an unknown padding or activation (files may carry anything)', () => {
    expect(fails(infer('Conv2D', { padding: 'full' as never }, [28, 28, 1])).error).toBe('Conv2D: Padding must be one of same, valid.');
    expect(fails(infer('Conv2D', { activation: 'gelu' as never }, [28, 28, 1])).error).toContain('Activation must be one of linear, relu');
  });

  it('needs an image input', () => {
    const e = fails(infer('Conv2D', {}, [784]));
    expect(e.error).toBe('Conv2D needs an image input (H×W×C), got 784');
  });
});

describe('DepthwiseConv2D', () => {
  it('3×3 multiplier 2 on 16×16×32: channels 64, params 3·3·32·2 + 64 = 640, MACs 16·16·64·9', () => {
    const r = ok(infer('DepthwiseConv2D', { depthMultiplier: 2 }, [16, 16, 32]));
    expect(r).toEqual({ shape: [16, 16, 64], params: 640, trainableParams: 640, flops: 147_456 });
  });

  it("'valid' stride 2 shrinks like a convolution", () => {
    expect(ok(infer('DepthwiseConv2D', { strides: 2, padding: 'valid', useBias: false }, [15, 15, 8])).shape).toEqual([7, 7, 8]);
  });

  it('rejects depthMultiplier 0', () => {
    expect(fails(infer('DepthwiseConv2D', { depthMultiplier: 0 }, [8, 8, 8])).error).toContain('Depth multiplier');
  });
});

describe('SeparableConv2D', () => {
  it('3×3 32→64 on 16×16×32: params 3·3·32 + 32·64 + 64 = 2,400, MACs 16·16·(288 + 2048) = 598,016', () => {
    const r = ok(infer('SeparableConv2D', { filters: 64 }, [16, 16, 32]));
    expect(r).toEqual({ shape: [16, 16, 64], params: 2_400, trainableParams: 2_400, flops: 598_016 });
  });

  it('costs ~8× fewer MACs than the Conv2D it replaces (MobileNet: 1/N + 1/k² ≈ 1/8)', () => {
    const conv = ok(infer('Conv2D', { filters: 64 }, [16, 16, 32]));
    const sep = ok(infer('SeparableConv2D', { filters: 64 }, [16, 16, 32]));
    expect(conv.flops / sep.flops).toBeCloseTo(1 / (1 / 64 + 1 / 9), 6);
    expect(conv.flops / sep.flops).toBeGreaterThan(7.5);
    expect(conv.flops / sep.flops).toBeLessThan(8.5);
  });

  it('multiplier 2 widens the pointwise input', () => {
    expect(ok(infer('SeparableConv2D', { filters: 16, depthMultiplier: 2, useBias: false }, [8, 8, 4])).params).toBe(9 * 8 + 8 * 16);
  });
});

describe('MaxPool2D / AvgPool2D', () => {
  it("2×2 stride 2 'valid' on 28×28×8: 14×14×8, 0 params, 14·14·8·4 = 6,272 ops", () => {
    for (const kind of ['MaxPool2D', 'AvgPool2D'] as const) {
      expect(ok(infer(kind, {}, [28, 28, 8]))).toEqual({ shape: [14, 14, 8], params: 0, trainableParams: 0, flops: 6_272 });
    }
  });

  it("odd sizes: 'valid' floors (7→3), 'same' rounds up (7→4)", () => {
    expect(ok(infer('MaxPool2D', {}, [7, 7, 4])).shape).toEqual([3, 3, 4]);
    expect(ok(infer('MaxPool2D', { padding: 'same' }, [7, 7, 4])).shape).toEqual([4, 4, 4]);
  });

  it('states the arithmetic when the window is bigger than the input', () => {
    const e = fails(infer('MaxPool2D', {}, [1, 1, 8]));
    expect(e.error).toBe('MaxPool2D pool=2 stride=2 valid on 1×1×8: output would be 0×0');
    expect(e.hint).toBe('use padding same, a smaller pool size, or remove a pooling layer before it');
  });

  it('rejects poolSize 0 and a vector input', () => {
    expect(fails(infer('AvgPool2D', { poolSize: 0 }, [8, 8, 1])).error).toContain('Pool size');
    expect(fails(infer('AvgPool2D', {}, [64])).error).toContain('needs an image input');
  });
});

describe('GlobalAveragePooling2D', () => {
  it('7×7×64 → 64 with one add per value', () => {
    expect(ok(infer('GlobalAveragePooling2D', {}, [7, 7, 64]))).toEqual({ shape: [64], params: 0, trainableParams: 0, flops: 3_136 });
  });

  it('needs a 3-D input', () => {
    expect(fails(infer('GlobalAveragePooling2D', {}, [64])).error).toBe('GlobalAveragePooling2D needs an image input (H×W×C), got 64');
  });
});

describe('BatchNormalization', () => {
  it('4·C params (gamma, beta, moving mean, moving variance), 2·C trainable, 2 ops per value', () => {
    expect(ok(infer('BatchNormalization', {}, [14, 14, 32]))).toEqual({ shape: [14, 14, 32], params: 128, trainableParams: 64, flops: 12_544 });
  });

  it('normalises the last axis of a vector too', () => {
    expect(ok(infer('BatchNormalization', {}, [100])).params).toBe(400);
  });

  it('rejects momentum outside [0, 1) and epsilon ≤ 0', () => {
    expect(fails(infer('BatchNormalization', { momentum: 1 }, [10])).error).toContain('Momentum must be a number in [0, 1) (not 1)');
    expect(fails(infer('BatchNormalization', { epsilon: 0 }, [10])).error).toContain('Epsilon must be a number in (0, 1] (not 0)');
  });
});

describe('Dropout / Activation', () => {
  it('Dropout keeps the shape and is free at inference', () => {
    expect(ok(infer('Dropout', { rate: 0.5 }, [128]))).toEqual({ shape: [128], params: 0, trainableParams: 0, flops: 0 });
  });

  it.each([1, -0.1, 1.5])('Dropout rate %s is outside [0, 1)', (rate) => {
    expect(fails(infer('Dropout', { rate }, [128])).error).toBe(`Dropout: Rate must be a number in [0, 1) (not ${rate}).`);
  });

  it('Activation keeps the shape and costs one op per value', () => {
    expect(ok(infer('Activation', { activation: 'relu' }, [4, 4, 2]))).toEqual({ shape: [4, 4, 2], params: 0, trainableParams: 0, flops: 32 });
  });
});

describe('Flatten', () => {
  it('7×7×64 → 3,136', () => {
    expect(ok(infer('Flatten', {}, [7, 7, 64])).shape).toEqual([3_136]);
  });

  it('needs rank ≥ 2', () => {
    expect(fails(infer('Flatten', {}, [10])).hint).toBe('remove the Flatten: its input is already a vector');
  });
});

describe('Dense', () => {
  it('784 → 10: params 784·10 + 10 = 7,850, MACs 7,840', () => {
    expect(ok(infer('Dense', { units: 10 }, [784]))).toEqual({ shape: [10], params: 7_850, trainableParams: 7_850, flops: 7_840 });
  });

  it('3,136 → 128: params 401,536', () => {
    expect(ok(infer('Dense', { units: 128 }, [3_136])).params).toBe(401_536);
  });

  it('useBias false: in·units only', () => {
    expect(ok(infer('Dense', { units: 10, useBias: false }, [784])).params).toBe(7_840);
  });

  it('fed 3-D: error with a hint to flatten first', () => {
    const e = fails(infer('Dense', {}, [7, 7, 32]));
    expect(e.error).toBe('Dense needs a vector input, got 7×7×32');
    expect(e.hint).toBe('insert Flatten (or GlobalAvgPool) before Dense');
  });

  it('rejects units 0', () => {
    expect(fails(infer('Dense', { units: 0 }, [10])).error).toBe('Dense: Units must be a whole number from 1 to 4096 (not 0).');
  });
});

describe('Add', () => {
  it('equal shapes: same shape out, size·(n-1) adds', () => {
    expect(ok(infer('Add', {}, [14, 14, 32], [14, 14, 32], [14, 14, 32]))).toEqual({
      shape: [14, 14, 32],
      params: 0,
      trainableParams: 0,
      flops: 2 * 6_272,
    });
  });

  it('mismatched shapes: names both and suggests a projection', () => {
    const e = fails(infer('Add', {}, [14, 14, 32], [14, 14, 64]));
    expect(e.error).toBe('Add needs equal shapes: 14×14×32 vs 14×14×64');
    expect(e.hint).toBe('add a 1×1 Conv2D projection on the shortcut');
  });

  it('needs at least 2 inputs', () => {
    expect(fails(infer('Add', {}, [10])).error).toBe('Add needs at least 2 inputs, got 1');
  });
});

describe('Concatenate', () => {
  it('images: channels add up along the last axis', () => {
    expect(ok(infer('Concatenate', {}, [14, 14, 32], [14, 14, 64])).shape).toEqual([14, 14, 96]);
  });

  it('vectors: lengths add up', () => {
    expect(ok(infer('Concatenate', {}, [10], [20], [5])).shape).toEqual([35]);
  });

  it('mismatched height/width: names the sizes', () => {
    expect(fails(infer('Concatenate', {}, [14, 14, 32], [7, 7, 64])).error).toBe(
      'Concatenate needs equal shapes except channels: 14×14×32 vs 7×7×64',
    );
  });

  it('image with vector: names the sizes', () => {
    expect(fails(infer('Concatenate', {}, [14, 14, 32], [10])).error).toBe('Concatenate needs inputs of the same rank: 14×14×32 vs 10');
  });
});

describe('ZeroPadding2D / UpSampling2D', () => {
  it('padding p: H+2p, W+2p', () => {
    expect(ok(infer('ZeroPadding2D', { padding: 2 }, [28, 28, 1])).shape).toEqual([32, 32, 1]);
  });

  it('padding must be a whole number ≥ 0', () => {
    expect(fails(infer('ZeroPadding2D', { padding: -1 }, [28, 28, 1])).error).toBe('ZeroPadding2D: Padding (pixels) must be a whole number from 0 to 64 (not -1).');
  });

  it('size s: H·s, W·s', () => {
    expect(ok(infer('UpSampling2D', { size: 2 }, [7, 7, 16])).shape).toEqual([14, 14, 16]);
  });

  it('size 0 is rejected', () => {
    expect(fails(infer('UpSampling2D', { size: 0 }, [7, 7, 16])).error).toContain('Scale must be');
  });
});

describe('Reshape', () => {
  it('784 → 7×7×16', () => {
    expect(ok(infer('Reshape', { targetShape: [7, 7, 16] }, [784])).shape).toEqual([7, 7, 16]);
  });

  it('element counts must match', () => {
    const e = fails(infer('Reshape', { targetShape: [7, 7, 16] }, [1_568]));
    expect(e.error).toBe('Reshape to 7×7×16 needs 784 values, input has 1568');
    expect(e.hint).toBe('choose a target shape whose values multiply to 1568');
  });

  it('target must be [N] or [H, W, C] of positive whole numbers', () => {
    const wanted = 'Reshape: Target shape must be 1 value or 3 values, each a whole number from 1 to';
    expect(fails(infer('Reshape', { targetShape: [28, 28] }, [784])).error).toContain(wanted);
    expect(fails(infer('Reshape', { targetShape: [0] }, [784])).error).toContain(wanted);
  });
});

describe('arity and registry coverage', () => {
  it('has a rule for every kind in the registry (defaults on a 8×8×4 or vector input)', () => {
    for (const kind of LAYER_KINDS) {
      const arity = LAYERS[kind].arity;
      const inputs: Shape[] = arity === 0 ? [] : arity === 1 ? [kind === 'Dense' ? [256] : [8, 8, 4]] : [[8, 8, 4], [8, 8, 4]];
      const params = kind === 'Reshape' ? { targetShape: [256] } : {};
      expect(isLayerError(infer(kind, params, ...inputs)), kind).toBe(false);
    }
  });

  it('zero inputs reads as "not connected"', () => {
    expect(arityError('Conv2D', 0)).toEqual({
      error: 'Not connected: Conv2D has no input',
      hint: "connect the output of the layer before it into this layer",
    });
  });

  it('single-input layers reject two inputs; Input rejects any', () => {
    expect(fails(infer('Dense', {}, [10], [10])).error).toBe('Dense takes exactly 1 input, got 2');
    expect(fails(infer('Input', {}, [10])).error).toBe('Input takes no inputs, got 1');
  });

  it('unknown kinds from files are an error, not a crash', () => {
    const node = { id: 'x', kind: 'Conv3D', params: {}, inputs: [] } as unknown as LayerNode;
    expect(fails(inferLayer(node, [[8, 8, 8]])).error).toBe("Unknown layer kind 'Conv3D'");
  });
});

describe('formatShape', () => {
  it('joins with × and shows ? for unknown', () => {
    expect(formatShape([28, 28, 1])).toBe('28×28×1');
    expect(formatShape([10])).toBe('10');
    expect(formatShape(null)).toBe('?');
  });
});

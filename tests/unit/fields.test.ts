import { m } from '$lib/i18n/messages';
import { describe, expect, it } from 'vitest';
import { fieldsFor, parseShape, readEdit } from '$lib/editor/fields';
import { describeParams } from '$lib/editor/describe';
import { fieldProblems } from '$lib/spec/field-problems';
import type { ParamField } from '$lib/spec/layer-fields';
import { ACTIVATIONS, LAYERS, LAYER_KINDS } from '$lib/spec/layers';

const field = (kind: keyof typeof LAYERS, key: string) => (LAYERS[kind].fields as ParamField[]).find((f) => f.key === key)!;

describe('the layer registry declares every field', () => {
  it.each(LAYER_KINDS)('%s: one field per parameter, defaults allowed, labels in the catalogue', (kind) => {
    const fields = LAYERS[kind].fields as ParamField[];
    expect(fields.map((f) => f.key).sort()).toEqual(Object.keys(LAYERS[kind].defaults).sort());
    expect(fieldProblems(kind, LAYERS[kind].defaults)).toEqual([]);
    for (const f of fields) expect(m[`layerFields_${f.label}`](), f.key).toMatch(/^[A-Z]/);
  });

  it('offers padding choices only for window padding, activations only for activations', () => {
    expect(field('Conv2D', 'padding')).toMatchObject({ widget: 'choice', choices: ['same', 'valid'] });
    expect(field('Dense', 'activation')).toMatchObject({ widget: 'choice', choices: ACTIVATIONS });
    // ZeroPadding2D's padding is a pixel count, not a choice: the old guess offered 'same'/'valid' for any string.
    expect(field('ZeroPadding2D', 'padding')).toMatchObject({ widget: 'number', integer: true, min: 0 });
    expect(field('Conv2D', 'useBias').widget).toBe('toggle');
    expect(field('Reshape', 'targetShape')).toMatchObject({ widget: 'shape', ranks: [1, 3] });
  });

  it('gives a step that does not depend on the current value', () => {
    expect(field('Conv2D', 'filters')).toMatchObject({ step: 1 });
    expect(field('Dropout', 'rate')).toMatchObject({ step: 0.05 });
    expect(field('Dropout', 'rate')).not.toHaveProperty('integer');
    expect(field('BatchNormalization', 'momentum')).toMatchObject({ step: 0.01 });
  });

  it('labels inspector fields in the user’s words', () => {
    expect(fieldsFor('Conv2D').map((f) => f.text)).toEqual(['Filters', 'Kernel size', 'Stride', 'Padding', 'Dilation', 'Activation', 'Use bias']);
  });
});

describe('fieldProblems', () => {
  it('names the label and the range for a negative count, not the parameter key', () => {
    expect(fieldProblems('Conv2D', { ...LAYERS.Conv2D.defaults, filters: -3 })).toEqual([
      { key: 'filters', message: 'Filters must be a whole number from 1 to 1024 (not -3).' },
    ]);
  });

  it('calls an empty field empty instead of "got NaN"', () => {
    const [problem] = fieldProblems('Conv2D', { ...LAYERS.Conv2D.defaults, kernelSize: NaN });
    expect(problem).toEqual({ key: 'kernelSize', message: 'Kernel size is empty: enter a whole number from 1 to 64.' });
    expect(problem.message).not.toMatch(/NaN|kernelSize/);
  });

  it('rejects fractions for counts and open bounds for rates', () => {
    expect(fieldProblems('Dense', { ...LAYERS.Dense.defaults, units: 2.5 })[0].message).toBe('Units must be a whole number from 1 to 4096 (not 2.5).');
    expect(fieldProblems('Dropout', { rate: 1 })[0].message).toBe('Rate must be a number in [0, 1) (not 1).');
    expect(fieldProblems('BatchNormalization', { momentum: 0.9, epsilon: 0 })[0].message).toBe('Epsilon must be a number in (0, 1] (not 0).');
  });

  it('checks what files may carry: wrong types, unknown choices, missing params, bad shapes', () => {
    expect(fieldProblems('Conv2D', { ...LAYERS.Conv2D.defaults, padding: 'full', useBias: 'yes' }).map((p) => p.key)).toEqual(['padding', 'useBias']);
    expect(fieldProblems('Dense', {}).map((p) => p.key)).toEqual(['units', 'activation', 'useBias']);
    expect(fieldProblems('Dense', null).map((p) => p.key)).toEqual(['units', 'activation', 'useBias']);
    expect(fieldProblems('Reshape', { targetShape: [7, 7] })[0].key).toBe('targetShape');
    expect(fieldProblems('Reshape', { targetShape: [7, 0, 16] })[0].key).toBe('targetShape');
    expect(fieldProblems('Reshape', { targetShape: [7, 7, 16] })).toEqual([]);
  });
});

describe('inspector edits', () => {
  it('applies an allowed value and holds back any other with the reason', () => {
    expect(readEdit(field('Conv2D', 'filters'), 24)).toEqual({ ok: true, value: 24 });
    expect(readEdit(field('Conv2D', 'filters'), -3)).toEqual({ ok: false, message: 'Filters must be a whole number from 1 to 1024 (not -3).' });
    expect(readEdit(field('Reshape', 'targetShape'), parseShape('7×7×x'))).toMatchObject({ ok: false });
  });

  it('reads shapes written with ×, x, commas or spaces', () => {
    expect(parseShape('7×7×16')).toEqual([7, 7, 16]);
    expect(parseShape('7x7, 16')).toEqual([7, 7, 16]);
  });
});

describe('node card summary', () => {
  it('describes each kind from its registry fields', () => {
    expect(describeParams({ kind: 'Conv2D', params: { ...LAYERS.Conv2D.defaults, strides: 2, dilation: 1 } })).toBe('8 filters · 3×3 · stride 2 · same · relu');
    expect(describeParams({ kind: 'ZeroPadding2D', params: { padding: 2 } })).toBe('pad 2');
    expect(describeParams({ kind: 'Reshape', params: { targetShape: [7, 7, 16] } })).toBe('→ 7×7×16');
    expect(describeParams({ kind: 'Input', params: { height: 28, width: 28, channels: 1 } })).toBe('28×28×1');
    expect(describeParams({ kind: 'Dense', params: { units: 4, activation: 'linear', useBias: true } })).toBe('4 units');
  });
});

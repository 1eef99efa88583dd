import { describe, expect, it } from 'vitest';
import { EvaluationState, type EvaluationPort } from '$lib/training/client/evaluation.svelte';
import { CELL_SHOWN, summarizeEvaluation, type Evaluation } from '$lib/training/shared/evaluation';

/** 2×1 grayscale samples whose pixels are their position: a sample's image says which one it is. */
function evaluation(labels: number[], predicted: number[]): Evaluation {
  const probabilities = new Float32Array(labels.length * 3);
  predicted.forEach((p, i) => {
    probabilities.fill(0.1, i * 3, i * 3 + 3);
    probabilities[i * 3 + p] = 0.8;
  });
  return summarizeEvaluation({ split: 'validation', classes: ['a', 'b', 'c'], height: 1, width: 2, channels: 1, labels: Uint8Array.from(labels) }, probabilities);
}

/** A worker whose evaluations the test releases; pixels answer at once. */
function fakePort(result: Evaluation) {
  const pending: { resolve: (e: Evaluation) => void; reject: (e: Error) => void }[] = [];
  const asked: number[][] = [];
  const port: EvaluationPort = {
    evaluate: () => new Promise<Evaluation>((resolve, reject) => pending.push({ resolve, reject })),
    evaluationPixels: async (positions) => {
      asked.push(positions);
      return Uint8Array.from(positions.flatMap((p) => [p, p]));
    },
  };
  const answer = async (value: Evaluation | Error = result) => {
    const next = pending.shift()!;
    if (value instanceof Error) next.reject(value);
    else next.resolve(value);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { port, pending, asked, answer };
}

const labels = [0, 0, 1, 2, 2, 2];
const predicted = [0, 1, 1, 0, 1, 1];

describe('the evaluation view’s state', () => {
  it('evaluates when a run ends with a model, and not when it ends without one', async () => {
    const fake = fakePort(evaluation(labels, predicted));
    const state = new EvaluationState(fake.port);
    state.follow(false, false);
    state.follow(true, false);
    expect(fake.pending).toHaveLength(0);
    state.follow(false, true);
    expect(state.status).toBe('running');
    await fake.answer();
    expect(state.status).toBe('done');
    expect(state.total).toBe(6);
    // Class c is never predicted: no precision, not NaN.
    expect(state.scores[2].precision).toBeUndefined();
    expect(state.shares[2]).toEqual([1 / 3, 2 / 3, 0]);
    state.follow(true, true);
    state.follow(false, false);
    expect(fake.pending).toHaveLength(0);
  });

  it('fetches the most confidently wrong samples with their labels', async () => {
    const fake = fakePort(evaluation(labels, predicted));
    const state = new EvaluationState(fake.port);
    void state.evaluate();
    await fake.answer();
    expect(state.wrong.map((w) => [w.position, w.label, w.predicted])).toEqual([
      [1, 0, 1],
      [3, 2, 0],
      [4, 2, 1],
      [5, 2, 1],
    ]);
    expect([...state.wrong[1].pixels]).toEqual([3, 3]);
  });

  it('opens a cell with exactly its samples', async () => {
    const fake = fakePort(evaluation(labels, predicted));
    const state = new EvaluationState(fake.port);
    void state.evaluate();
    await fake.answer();
    await state.openCell(2, 1);
    expect(state.cell?.count).toBe(2);
    expect(state.cell?.samples.map((s) => [s.position, s.label, s.predicted, ...s.pixels])).toEqual([
      [4, 2, 1, 4, 4],
      [5, 2, 1, 5, 5],
    ]);
    await state.openCell(1, 2);
    expect(state.cell).toEqual({ label: 1, predicted: 2, count: 0, samples: [] });
    state.closeCell();
    expect(state.cell).toBeNull();
  });

  it('shows CELL_SHOWN samples of a big cell at a time, counting them all, and the rest on request', async () => {
    const many = Array.from({ length: CELL_SHOWN + 5 }, () => 0);
    const fake = fakePort(evaluation(many, many));
    const state = new EvaluationState(fake.port);
    void state.evaluate();
    await fake.answer();
    await state.openCell(0, 0);
    expect(state.cell?.count).toBe(CELL_SHOWN + 5);
    expect(state.cell?.samples).toHaveLength(CELL_SHOWN);
    expect(state.moreInCell).toBe(5);
    await state.showMore();
    expect(state.cell?.samples.map((s) => s.position)).toEqual(many.map((_, position) => position));
    expect([...state.cell!.samples[CELL_SHOWN + 4].pixels]).toEqual([(CELL_SHOWN + 4) % 256, (CELL_SHOWN + 4) % 256]);
    expect(state.moreInCell).toBe(0);
    await state.showMore();
    expect(state.cell?.samples).toHaveLength(CELL_SHOWN + 5);
  });

  it('drops the answer for a model a new run has replaced, and says why an evaluation failed', async () => {
    const fake = fakePort(evaluation(labels, predicted));
    const state = new EvaluationState(fake.port);
    void state.evaluate();
    state.follow(true, true);
    await fake.answer();
    expect(state.result).toBeNull();
    expect(state.status).toBe('idle');
    void state.evaluate();
    await fake.answer(new Error('no data here'));
    expect(state.status).toBe('failed');
    expect(state.error).toBe('Evaluation failed: no data here');
  });
});

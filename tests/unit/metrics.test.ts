import { describe, expect, it } from 'vitest';
import { cellPositions, classScores, confidentlyWrong, confusionMatrix, predictedClasses, rowNormalised, topKAccuracy } from '$lib/training/shared/metrics';
import { evaluatedSplit, summarizeEvaluation, WRONG_SHOWN } from '$lib/training/shared/evaluation';

// Three classes; class 2 is never predicted.
const labels = [0, 0, 0, 1, 1, 2, 2, 2];
const predictions = [0, 0, 1, 1, 0, 0, 1, 1];

describe('the confusion matrix', () => {
  it('counts true class by row and predicted class by column', () => {
    expect(confusionMatrix(labels, predictions, 3)).toEqual([
      [2, 1, 0],
      [1, 1, 0],
      [1, 2, 0],
    ]);
  });

  it('row-normalises to each class’s share, leaving a class with no samples at zero', () => {
    const rows = rowNormalised(confusionMatrix(labels, predictions, 3));
    expect(rows[0]).toEqual([2 / 3, 1 / 3, 0]);
    expect(rows[1]).toEqual([0.5, 0.5, 0]);
    expect(rows[2]).toEqual([1 / 3, 2 / 3, 0]);
    expect(rowNormalised([[0, 0], [1, 3]])).toEqual([[0, 0], [0.25, 0.75]]);
  });

  it('lists the positions of exactly the samples in a cell', () => {
    expect(cellPositions(labels, predictions, 2, 1)).toEqual([6, 7]);
    expect(cellPositions(labels, predictions, 0, 0)).toEqual([0, 1]);
    expect(cellPositions(labels, predictions, 1, 2)).toEqual([]);
  });
});

describe('per-class scores', () => {
  it('match the hand-computed precision, recall, F1 and support; a class never predicted has no precision (not NaN)', () => {
    const [c0, c1, c2] = classScores(confusionMatrix(labels, predictions, 3));
    // Class 0: 2 of the 4 predicted 0 are right, 2 of its 3 samples found.
    expect(c0.precision).toBe(0.5);
    expect(c0.recall).toBeCloseTo(2 / 3, 12);
    expect(c0.f1).toBeCloseTo(4 / 7, 12);
    expect(c0.support).toBe(3);
    // Class 1: 1 of the 4 predicted 1, 1 of its 2 samples.
    expect(c1.precision).toBe(0.25);
    expect(c1.recall).toBe(0.5);
    expect(c1.f1).toBeCloseTo(1 / 3, 12);
    expect(c1.support).toBe(2);
    expect(c2).toEqual({ precision: undefined, recall: 0, f1: undefined, support: 3 });
  });

  it('gives no recall to a class without samples, and F1 0 to a class predicted and present but never right', () => {
    const [absent, present] = classScores([
      [0, 0],
      [1, 3],
    ]);
    expect(absent).toEqual({ precision: 0, recall: undefined, f1: undefined, support: 0 });
    expect(present).toEqual({ precision: 1, recall: 0.75, f1: (2 * 0.75) / 1.75, support: 4 });
    expect(classScores([[0, 2], [1, 0]])[0]).toEqual({ precision: 0, recall: 0, f1: 0, support: 2 });
  });
});

describe('top-k accuracy', () => {
  // Ranks of the true class: 0, 2, 1, and 1 on a tie with a lower class (argmax picks that one).
  const probabilities = new Float32Array([0.5, 0.3, 0.2, 0.6, 0.3, 0.1, 0.5, 0.4, 0.1, 0.4, 0.4, 0.2]);
  const truth = [0, 2, 1, 1];

  it('counts a sample when its true class is among the k most probable', () => {
    expect(topKAccuracy(probabilities, truth, 3, 1)).toBe(0.25);
    expect(topKAccuracy(probabilities, truth, 3, 2)).toBe(0.75);
    expect(topKAccuracy(probabilities, truth, 3, 3)).toBe(1);
  });

  it('breaks ties as the predictions do, so top-1 is their accuracy', () => {
    const predicted = predictedClasses(probabilities, 3);
    expect([...predicted]).toEqual([0, 0, 0, 0]);
    expect(topKAccuracy(probabilities, [0, 0, 0, 0], 3, 1)).toBe(1);
  });
});

describe('the most confidently wrong samples', () => {
  // Two classes: positions 1 and 3 are wrong at 0.9, position 2 wrong at 0.6, position 0 right at 0.99.
  const probabilities = new Float32Array([0.99, 0.01, 0.1, 0.9, 0.6, 0.4, 0.1, 0.9, 0.7, 0.3]);
  const truth = [0, 0, 1, 0, 0];

  it('are the misclassified ones, most confident first and in split order on a tie', () => {
    const wrong = confidentlyWrong(probabilities, truth, 2, 10);
    expect(wrong.map((w) => w.position)).toEqual([1, 3, 2]);
    expect(wrong[0]).toEqual({ position: 1, label: 0, predicted: 1, confidence: expect.closeTo(0.9, 6) });
    expect(wrong[2]).toEqual({ position: 2, label: 1, predicted: 0, confidence: expect.closeTo(0.6, 6) });
  });

  it('stop at n', () => {
    expect(confidentlyWrong(probabilities, truth, 2, 2).map((w) => w.position)).toEqual([1, 3]);
  });
});

describe('an evaluation summary', () => {
  it('holds the matrix, the top-k accuracies below the class count and the wrong gallery', () => {
    const probabilities = new Float32Array([0.7, 0.1, 0.1, 0.1, 0.1, 0.6, 0.2, 0.1, 0.1, 0.2, 0.3, 0.4]);
    const summary = summarizeEvaluation(
      { split: 'validation', classes: ['a', 'b', 'c', 'd'], height: 2, width: 2, channels: 1, labels: new Uint8Array([0, 1, 2]) },
      probabilities,
    );
    expect([...summary.predictions]).toEqual([0, 1, 3]);
    expect(summary.matrix[2]).toEqual([0, 0, 0, 1]);
    expect(summary.topK).toEqual([
      { k: 1, accuracy: 2 / 3 },
      { k: 2, accuracy: 1 },
      { k: 3, accuracy: 1 },
    ]);
    expect(summary.wrong).toEqual([{ position: 2, label: 2, predicted: 3, confidence: expect.closeTo(0.4, 6) }]);
    expect(WRONG_SHOWN).toBeGreaterThan(0);
  });

  it('names MNIST’s held-out side its test set', () => {
    expect(evaluatedSplit('mnist')).toBe('test');
    expect(evaluatedSplit('shapes')).toBe('validation');
    expect(evaluatedSplit('user:abc')).toBe('validation');
  });
});

/**
 * scikit-learn's 'balanced' class weights, n_samples / (n_classes · count): every class then
 * contributes the same total weight, and the mean weight per sample stays 1, so the loss keeps
 * its usual scale.
 *
 * Unlike scikit-learn (which refuses absent classes) a class with no samples gets weight 0 and
 * is left out of n_classes: it never occurs as a true label, and leaving it in would shrink
 * every other weight. An infinite weight would also turn 0 · ∞ into NaN in the loss.
 */
export function balancedClassWeights(counts: readonly number[]): number[] {
  const samples = counts.reduce((sum, c) => sum + c, 0);
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => (c > 0 ? samples / (present * c) : 0));
}

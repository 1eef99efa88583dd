/** The index of the largest value in each row of a row-major batch × classes array. */
export function argmaxRows(outputs: ArrayLike<number>, classes: number): number[] {
  const rows = Math.floor(outputs.length / classes);
  return Array.from({ length: rows }, (_, r) => {
    let best = 0;
    for (let c = 1; c < classes; c++) if (outputs[r * classes + c] > outputs[r * classes + best]) best = c;
    return best;
  });
}

/** Share of rows where two models pick the same class (1 when there are no rows). */
export function topOneAgreement(a: readonly number[], b: ArrayLike<number>): number {
  if (a.length === 0) return 1;
  return a.filter((p, i) => p === b[i]).length / a.length;
}

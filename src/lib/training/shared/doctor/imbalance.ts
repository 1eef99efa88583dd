import { findImbalance } from '$lib/datasets/shared/imbalance';
import type { DoctorInput, Finding } from './findings';

/** Fewer validation errors than this say too little about which class draws them. */
export const MIN_ERRORS = 10;
/** A class dominates the errors with at least half of them… */
export const DOMINANT_ERROR_SHARE = 0.5;
/** …and at least 1.5× its fair share (with two classes, half is only fair: three quarters is needed). */
export const DOMINANCE_OVER_FAIR = 1.5;

/** Balanced class weights raise a class only when it has fewer training samples than the average class. */
export const UNDER_AVERAGE = 0.9;

function underrepresented(counts: readonly number[], index: number): boolean {
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  return counts[index] < UNDER_AVERAGE * mean;
}

/** One class draws most of the validation errors (known once an evaluation exists). */
function errorImbalance({ confusion, classes, config }: DoctorInput): Finding | null {
  if (!confusion || confusion.length < 2) return null;
  const errors = confusion.map((row, t) => row.reduce((a, b) => a + b, 0) - row[t]);
  const total = errors.reduce((a, b) => a + b, 0);
  if (total < MIN_ERRORS) return null;
  const worst = errors.indexOf(Math.max(...errors));
  const errorShare = errors[worst] / total;
  if (errorShare < Math.max(DOMINANT_ERROR_SHARE, DOMINANCE_OVER_FAIR / errors.length)) return null;
  const className = classes?.names[worst] ?? String(worst);
  const few = classes !== null && underrepresented(classes.counts, worst);
  return { rule: 'imbalance', severity: 'warning', epochs: null, source: 'errors', className, errorShare, weighted: config.classWeighting !== 'none', underrepresented: few };
}

/** Class sizes far enough apart to bias the model, with no class weights to balance them. */
function sampleImbalance({ classes, config }: DoctorInput): Finding | null {
  const found = classes && config.classWeighting === 'none' ? findImbalance(classes.counts) : null;
  if (!classes || !found) return null;
  return { rule: 'imbalance', severity: 'warning', epochs: null, source: 'samples', largest: classes.names[found.largest], smallest: classes.names[found.smallest], ratio: found.ratio };
}

/** Where the errors are known they are the better evidence; otherwise the class sizes. */
export function imbalance(input: DoctorInput): Finding | null {
  return errorImbalance(input) ?? sampleImbalance(input);
}

import { m } from '$lib/i18n/messages';

/**
 * The allowed values of one numeric setting, shared by layer parameters and training settings so
 * both are checked, marked and worded the same way. `advised` is a narrower range outside which
 * a value still works but is probably a mistake (a warning, not an error).
 */
export interface NumberRange {
  min: number;
  /** `Infinity` for no upper bound. */
  max: number;
  /** The bound itself is not allowed, e.g. a rate in [0, 1). */
  minOpen?: boolean;
  maxOpen?: boolean;
  integer?: boolean;
  advised?: { min: number; max: number };
}

export type Severity = 'error' | 'warning';

export interface ValueProblem {
  severity: Severity;
  message: string;
}

/** Small values as 1e-6 rather than 0.000001; whole numbers in full (seeds, sample counts). */
function show(n: number): string {
  return n !== 0 && Math.abs(n) < 1e-3 ? n.toExponential() : String(n);
}

/** The range in words: "a whole number from 1 to 1024", "a number in [0, 1)", "a number ≥ 0". */
export function describeRange(r: NumberRange): string {
  const what = r.integer ? m.wholeNumber() : m.number();
  if (r.max === Infinity) return m.rangeAtLeast({ what, min: show(r.min), open: r.minOpen ? 'yes' : 'no' });
  if (!r.minOpen && !r.maxOpen) return m.rangeFromTo({ what, min: show(r.min), max: show(r.max) });
  return m.rangeInterval({ what, interval: `${r.minOpen ? '(' : '['}${show(r.min)}, ${show(r.max)}${r.maxOpen ? ')' : ']'}` });
}

function inside(r: { min: number; max: number; minOpen?: boolean; maxOpen?: boolean }, v: number): boolean {
  const aboveMin = r.minOpen ? v > r.min : v >= r.min;
  const belowMax = r.maxOpen ? v < r.max : v <= r.max;
  return aboveMin && belowMax;
}

/**
 * Why `value` is not allowed for the setting called `label` (error), why it is doubtful (warning),
 * or null. An empty field arrives as NaN (what `valueAsNumber` gives) and is called empty.
 */
export function valueProblem(label: string, r: NumberRange, value: unknown): ValueProblem | null {
  const range = describeRange(r);
  if (typeof value !== 'number' || Number.isNaN(value)) return { severity: 'error', message: m.fieldEmpty({ label, range }) };
  if (!Number.isFinite(value) || !inside(r, value) || (r.integer && !Number.isInteger(value))) {
    return { severity: 'error', message: m.fieldOutOfRange({ label, range, got: show(value) }) };
  }
  if (r.advised && !inside(r.advised, value)) {
    return { severity: 'warning', message: m.fieldUnusual({ label, min: show(r.advised.min), max: show(r.advised.max) }) };
  }
  return null;
}

/**
 * The training doctor: rules over a run's history and settings that name what is going on and what
 * to try. Pure and cheap (a few passes over at most a thousand epochs), so the page re-runs it on
 * every epoch and on a stored run's history when it is shown again.
 */
import { largeBatch } from './batch-size';
import { divergence } from './divergence';
import type { DoctorInput, Finding, Rule, Severity } from './findings';
import { imbalance } from './imbalance';
import { overfitting } from './overfitting';
import { plateau } from './plateau';
import { underfitting } from './underfitting';
import { longWarmup } from './warmup';

export type { DoctorInput, Finding } from './findings';

const RULES: readonly Rule[] = [divergence, overfitting, plateau, underfitting, imbalance, longWarmup, largeBatch];

const ORDER: Record<Severity, number> = { problem: 0, warning: 1, advice: 2 };

/** Every finding for the run so far, the most pressing first. */
export function diagnose(input: DoctorInput): Finding[] {
  return RULES.flatMap((rule) => rule(input) ?? []).sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

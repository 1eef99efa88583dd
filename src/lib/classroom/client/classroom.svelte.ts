import { getContext, setContext } from 'svelte';
import { NO_RULES, hasRules, rangeProblems, ruleOf, type ClassroomRules, type Control, type RangedSetting } from '$lib/classroom/shared/rules';
import { m } from '$lib/i18n/messages';
import type { TrainSettings } from '$lib/training/client/settings';
import type { SettingsProblems } from '$lib/training/shared/validate';

/** Where the training panel reports a problem with each ranged setting. */
const FIELD_KEYS: Record<RangedSetting, string> = { epochs: 'epochs', batchSize: 'batchSize', learningRate: 'optimizer.learningRate' };

/** The rules the project on screen carries, as the page reads them: what is locked, hidden, or out of range. */
export class Classroom {
  rules = $state.raw<ClassroomRules>(NO_RULES);
  readonly active = $derived(hasRules(this.rules));

  locked(control: Control): boolean {
    return ruleOf(this.rules, control) === 'locked';
  }

  hidden(control: Control): boolean {
    return ruleOf(this.rules, control) === 'hidden';
  }

  /** Why a locked control cannot be changed, for its title. */
  get reason(): string {
    return this.rules.note ? m.classroomLockedBecause({ note: this.rules.note }) : m.classroomLocked();
  }

  /** The settings outside the teacher's ranges, as the training panel marks its fields (they block training). */
  problems(s: TrainSettings): SettingsProblems {
    const found = rangeProblems(this.rules, { epochs: s.config.epochs, batchSize: s.config.batchSize, learningRate: s.config.optimizer.learningRate });
    const problems: SettingsProblems = {};
    for (const [setting, message] of Object.entries(found) as [RangedSetting, string][]) problems[FIELD_KEYS[setting]] = { severity: 'error', message };
    return problems;
  }
}

const KEY = Symbol('classroom');

export const provideClassroom = (classroom: Classroom): Classroom => setContext(KEY, classroom);

/** The page's classroom rules; components outside a page (tests) get none. */
export const useClassroom = (): Classroom => getContext<Classroom | undefined>(KEY) ?? new Classroom();

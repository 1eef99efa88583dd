/** Where the learner is in each lesson, kept across reloads so leaving a lesson never loses the step. */
import { accept, isFields, readVersioned, refuse, stamp, type Parsed, type VersionedFormat } from '$lib/util/versioned';
import { m } from '$lib/i18n/messages';
import { LESSON_IDS, lessonById } from './catalog';
import type { LessonId } from './lesson';

export interface LessonProgress {
  /** The lesson on screen, or null when the learner left it. */
  active: LessonId | null;
  /** The step each started lesson is at (its index). */
  steps: Partial<Record<LessonId, number>>;
  finished: LessonId[];
}

export const NO_PROGRESS: LessonProgress = { active: null, steps: {}, finished: [] };

const isLessonId = (v: unknown): v is LessonId => LESSON_IDS.includes(v as LessonId);

const PROGRESS_RECORD: VersionedFormat<LessonProgress> = {
  tag: 'netloom.lesson-progress',
  get noun() {
    return m.recordNouns_lessonProgress();
  },
  upgrades: [(v0) => v0],
  validate: (record) => {
    const { active, steps, finished } = record;
    if (active !== null && !isLessonId(active)) return refuse(m.lessonUnknown({ id: String(active) }));
    if (!isFields(steps) || !Array.isArray(finished)) return refuse(m.recordNotOne({ noun: m.recordNouns_lessonProgress() }));
    const kept: Partial<Record<LessonId, number>> = {};
    // A step past the end (a lesson shortened by a later build) resumes at its last step.
    for (const [id, step] of Object.entries(steps)) {
      if (isLessonId(id) && Number.isInteger(step) && (step as number) >= 0) kept[id] = Math.min(step as number, lessonById(id).steps.length - 1);
    }
    return accept({ active, steps: kept, finished: finished.filter(isLessonId) });
  },
};

export const parseLessonProgress = (value: unknown): Parsed<LessonProgress> => readVersioned(PROGRESS_RECORD, value);

export const lessonProgressRecord = (progress: LessonProgress) => stamp(PROGRESS_RECORD, progress);

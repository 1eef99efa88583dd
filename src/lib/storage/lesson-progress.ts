import { m } from '$lib/i18n/messages';
import { lessonProgressRecord, NO_PROGRESS, parseLessonProgress, type LessonProgress } from '$lib/lessons/shared/progress';
import { loadLocalRecord } from './local-record';

const KEY = 'netloom.lessons.progress';

export function loadLessonProgress(storage: Storage = localStorage): LessonProgress {
  return loadLocalRecord(KEY, m.recordNouns_lessonProgress(), parseLessonProgress, storage) ?? NO_PROGRESS;
}

export function saveLessonProgress(progress: LessonProgress, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(lessonProgressRecord(progress)));
}

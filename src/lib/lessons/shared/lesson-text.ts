/** A lesson's words: its messages are named `lessons_<lesson>_title`, `…_summary` and `…_steps_<step>`. */
import { m } from '$lib/i18n/messages';
import type { LessonId } from './lesson';

export function lessonText(lesson: LessonId): { title: string; summary: string } {
  return { title: m[`lessons_${lesson}_title`](), summary: m[`lessons_${lesson}_summary`]() };
}

const stepPrefix = (lesson: LessonId) => `lessons_${lesson}_steps_`;

/** The ids of the steps the catalogue has words for (the lesson test holds them to the lesson's steps). */
export function lessonStepsWithText(lesson: LessonId): string[] {
  const prefix = stepPrefix(lesson);
  return Object.keys(m)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
}

export function lessonStepText(lesson: LessonId, step: string): string {
  const key = `${stepPrefix(lesson)}${step}`;
  return key in m ? (m[key as keyof typeof m] as () => string)() : step;
}

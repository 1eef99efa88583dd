import { lessonById } from '$lib/lessons/shared/catalog';
import type { Lesson, LessonId, LessonSnapshot, LessonStart, LessonStep } from '$lib/lessons/shared/lesson';
import type { LessonProgress } from '$lib/lessons/shared/progress';
import type { GraphSpec } from '$lib/spec/types';

/** What the guide needs from the app: its state to check, a way to set a lesson's start, and storage. */
export interface LessonPorts {
  snapshot(): LessonSnapshot;
  /** Puts the lesson's starting graph and dataset in place; true when it replaced the user's graph. */
  open(start: LessonStart): boolean;
  load(): LessonProgress;
  save(progress: LessonProgress): void;
}

/** A snapshot as a `newRun` step sees it before a run of its own has started. */
const withoutRun = (state: LessonSnapshot): LessonSnapshot => ({ ...state, trainedSpec: null, trainedDataset: null, epochs: [], status: 'idle' });

/**
 * Walks the learner through a lesson: the step on screen, whether it is done, and moving on as
 * soon as it is. Progress is saved on every move, so a reload or leaving the lesson comes back to
 * the same step.
 */
export class LessonGuide {
  readonly #ports: LessonPorts;
  progress = $state.raw<LessonProgress>({ active: null, steps: {}, finished: [] });
  /** The lesson just completed, for its closing message. */
  completed = $state<LessonId | null>(null);
  /** Set when starting a lesson replaced the user's graph (undo brings it back). */
  replacedGraph = $state(false);
  /** The run on record when the step began: a `newRun` step ignores it. */
  #baseline = $state.raw<GraphSpec | null>(null);

  readonly lesson: Lesson | null = $derived(this.progress.active ? lessonById(this.progress.active) : null);
  readonly stepIndex: number = $derived(this.lesson ? (this.progress.steps[this.lesson.id] ?? 0) : 0);
  readonly step: LessonStep | null = $derived(this.lesson?.steps[this.stepIndex] ?? null);
  readonly done: boolean = $derived(this.#passes());

  constructor(ports: LessonPorts) {
    this.#ports = ports;
    this.progress = ports.load();
    this.#baseline = ports.snapshot().trainedSpec;
  }

  /** Opens a lesson: where the learner left it, or from its start (its graph and dataset) the first time. */
  start(id: LessonId): void {
    const resumed = this.progress.steps[id] !== undefined && !this.progress.finished.includes(id);
    if (!resumed) this.#openStart(id);
    this.#move({ active: id, steps: { ...this.progress.steps, [id]: resumed ? this.progress.steps[id] : 0 } });
  }

  restart(id: LessonId): void {
    this.#openStart(id);
    this.#move({ active: id, steps: { ...this.progress.steps, [id]: 0 }, finished: this.progress.finished.filter((f) => f !== id) });
  }

  /** The next step, or the end of the lesson after its last. */
  next(): void {
    const lesson = this.lesson;
    if (!lesson) return;
    if (this.stepIndex + 1 < lesson.steps.length) {
      this.#move({ steps: { ...this.progress.steps, [lesson.id]: this.stepIndex + 1 } });
      return;
    }
    this.completed = lesson.id;
    const { [lesson.id]: _, ...steps } = this.progress.steps;
    this.#move({ active: null, steps, finished: [...new Set([...this.progress.finished, lesson.id])] });
  }

  /** Closes the lesson; `start` brings the learner back to this step. */
  leave(): void {
    this.#move({ active: null });
  }

  dismissCompleted(): void {
    this.completed = null;
  }

  /** Moves on when the step on screen has been done; call from an effect so it runs on every change. */
  follow(): void {
    if (this.step?.check && this.done) this.next();
  }

  #openStart(id: LessonId): void {
    this.completed = null;
    this.replacedGraph = this.#ports.open(lessonById(id).start);
  }

  #passes(): boolean {
    const step = this.step;
    if (!step?.check) return false;
    const state = this.#ports.snapshot();
    return step.check(step.newRun && state.trainedSpec === this.#baseline ? withoutRun(state) : state);
  }

  #move(change: Partial<LessonProgress>): void {
    this.progress = { ...this.progress, ...change };
    this.#baseline = this.#ports.snapshot().trainedSpec;
    this.#ports.save(this.progress);
  }
}

/**
 * The "Inside the network" view's state: which input is shown (a validation sample, or pixels
 * such as a drawing) and which class Grad-CAM explains, and the worker's inspection of it.
 * Nothing is computed until the section is open and a finished model exists; a new run clears
 * it. Answers to an older request (the user clicked on, or a run started) are dropped. The
 * component renders this; Node tests drive it.
 */
import type { InspectInput, Inspection } from '$lib/training/shared/inspection';
import { m } from '$lib/i18n/messages';
import { trainer, type TrainerBridge } from './bridge';

export type InsidePort = Pick<TrainerBridge, 'inspect'>;
export type InsideStatus = 'idle' | 'running' | 'done' | 'failed';

const FIRST_SAMPLE: InspectInput = { kind: 'sample', position: 0 };

export class InsideState {
  result = $state.raw<Inspection | null>(null);
  status = $state<InsideStatus>('idle');
  error = $state<string | null>(null);
  /** What to show; setting it shows it at the next `sync` with the section open. */
  input = $state.raw<InspectInput>(FIRST_SAMPLE);
  /** The class Grad-CAM explains; undefined follows the prediction. */
  classIndex = $state<number | undefined>(undefined);
  /** The validation sample shown (0 for pixels). */
  readonly position = $derived(this.input.kind === 'sample' ? this.input.position : 0);

  private generation = 0;
  private model: object | null = null;
  /** The input of the result shown or asked for. */
  private asked: InspectInput | null = null;

  constructor(private readonly port: InsidePort = trainer()) {}

  /**
   * Call whenever the session or the section changes: `model` stands for the finished run's model
   * (null while none is ready or a run is going); `open` whether the section is expanded. Another
   * model starts again from the first sample (pixels stay: the drawing is still there).
   */
  sync(model: object | null, open: boolean): void {
    if (model !== this.model) this.clear();
    this.model = model;
    if (model && open && this.asked !== this.input) void this.show(this.input, this.classIndex);
  }

  clear(): void {
    this.generation++;
    this.result = null;
    this.status = 'idle';
    this.error = null;
    this.asked = null;
    this.classIndex = undefined;
    if (this.input.kind === 'sample') this.input = FIRST_SAMPLE;
  }

  async show(input: InspectInput, classIndex?: number): Promise<void> {
    const generation = ++this.generation;
    this.input = this.asked = input;
    this.classIndex = classIndex;
    this.status = 'running';
    this.error = null;
    try {
      const result = await this.port.inspect({ input, classIndex });
      if (generation !== this.generation) return;
      this.result = result;
      this.status = 'done';
    } catch (error) {
      if (generation !== this.generation) return;
      this.status = 'failed';
      this.error = m.insideFailed({ why: (error as Error).message });
    }
  }

  /** The next (or with -1 the previous) sample, wrapping around the split; Grad-CAM follows its prediction again. */
  step(by: 1 | -1): Promise<void> {
    const count = this.result?.sampleCount ?? 0;
    if (count === 0) return Promise.resolve();
    return this.show({ kind: 'sample', position: (this.position + by + count) % count });
  }

  /** Grad-CAM for `classIndex`, or for the predicted class when undefined. */
  explain(classIndex: number | undefined): Promise<void> {
    return this.show(this.input, classIndex);
  }
}

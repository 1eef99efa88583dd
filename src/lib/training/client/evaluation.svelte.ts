/**
 * The evaluation view's state: asks the worker to evaluate the trained model when a run ends (and
 * when the user asks), derives the per-class scores and the matrix shown, and fetches the pixels
 * of the samples the user opens (a matrix cell) and of the most confidently wrong ones. The
 * component renders this and forwards clicks; Node tests drive it with a fake worker.
 */
import { cellPositions, classScores, rowNormalised } from '$lib/training/shared/metrics';
import { CELL_SHOWN, type Evaluation } from '$lib/training/shared/evaluation';
import { m } from '$lib/i18n/messages';
import { trainer, type TrainerBridge } from './bridge';

export type EvaluationPort = Pick<TrainerBridge, 'evaluate' | 'evaluationPixels'>;

export interface ShownSample {
  position: number;
  label: number;
  predicted: number;
  /** h × w × c, uint8. */
  pixels: Uint8Array;
  confidence?: number;
}

export interface OpenCell {
  label: number;
  predicted: number;
  /** All the samples in the cell; `samples` holds the first CELL_SHOWN of them, more as the user asks. */
  count: number;
  samples: ShownSample[];
}

export type EvaluationStatus = 'idle' | 'running' | 'done' | 'failed';

export class EvaluationState {
  result = $state.raw<Evaluation | null>(null);
  status = $state<EvaluationStatus>('idle');
  error = $state<string | null>(null);
  /** Show each row as shares of its class instead of counts. */
  normalised = $state(false);
  cell = $state.raw<OpenCell | null>(null);
  wrong = $state.raw<ShownSample[]>([]);

  readonly scores = $derived(this.result ? classScores(this.result.matrix) : []);
  readonly shares = $derived(this.result ? rowNormalised(this.result.matrix) : []);
  readonly total = $derived(this.result ? this.result.labels.length : 0);
  /** How many samples "show more" adds to the open cell: none once all are shown. */
  readonly moreInCell = $derived(this.cell ? Math.min(CELL_SHOWN, this.cell.count - this.cell.samples.length) : 0);

  /** Each request gets a number; answers to an older one (a new run started since) are dropped. */
  private generation = 0;
  private wasBusy = false;

  constructor(private readonly port: EvaluationPort = trainer()) {}

  /**
   * Call with the session's state whenever it changes: a new run clears the old model's evaluation,
   * and a run that ends with a model (`evaluable`) is evaluated.
   */
  follow(busy: boolean, evaluable: boolean): void {
    if (busy && !this.wasBusy) this.clear();
    if (!busy && this.wasBusy && evaluable) void this.evaluate();
    this.wasBusy = busy;
  }

  clear(): void {
    this.generation++;
    this.result = null;
    this.cell = null;
    this.wrong = [];
    this.status = 'idle';
    this.error = null;
  }

  async evaluate(): Promise<void> {
    const generation = ++this.generation;
    this.status = 'running';
    this.error = null;
    this.cell = null;
    try {
      const result = await this.port.evaluate();
      if (generation !== this.generation) return;
      this.result = result;
      this.status = 'done';
      const examples = result.wrong;
      const wrong = await this.read(examples.map((w) => w.position), result);
      if (generation !== this.generation) return;
      this.wrong = examples.map((w, k) => ({ ...w, pixels: wrong[k] }));
    } catch (error) {
      if (generation !== this.generation) return;
      this.status = 'failed';
      this.error = m.evaluationFailed({ why: (error as Error).message });
    }
  }

  /** Shows the samples of one cell: exactly those of that true class the model gave that prediction. */
  openCell(label: number, predicted: number): Promise<void> {
    return this.showCell(label, predicted, []);
  }

  /** Adds the next CELL_SHOWN samples of the open cell. */
  showMore(): Promise<void> {
    const cell = this.cell;
    return cell ? this.showCell(cell.label, cell.predicted, cell.samples) : Promise.resolve();
  }

  closeCell(): void {
    this.cell = null;
  }

  private async showCell(label: number, predicted: number, shown: ShownSample[]): Promise<void> {
    const result = this.result;
    if (!result) return;
    const generation = this.generation;
    const positions = cellPositions(result.labels, result.predictions, label, predicted);
    const next = positions.slice(shown.length, shown.length + CELL_SHOWN);
    try {
      const pixels = await this.read(next, result);
      if (generation !== this.generation || this.result !== result) return;
      const added = next.map((position, k) => ({ position, label, predicted, pixels: pixels[k] }));
      this.cell = { label, predicted, count: positions.length, samples: [...shown, ...added] };
    } catch (error) {
      if (generation !== this.generation) return;
      this.error = m.evaluationFailed({ why: (error as Error).message });
    }
  }

  private async read(positions: number[], result: Evaluation): Promise<Uint8Array[]> {
    if (positions.length === 0) return [];
    const size = result.height * result.width * result.channels;
    const pixels = await this.port.evaluationPixels(positions);
    return positions.map((_, k) => pixels.subarray(k * size, (k + 1) * size));
  }
}

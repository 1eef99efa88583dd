import { exportPytorch } from './pytorch/export';
import { bundleName, pytorchBundle } from './pytorch/bundle';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import type { TrainingConfig } from '$lib/training/shared/config';
import type { AugmentConfig } from '$lib/training/shared/augment';
import { m } from '$lib/i18n/messages';

/** The training settings the exported script's loop reproduces. */
export interface ExportedTraining {
  config: TrainingConfig;
  augment: AugmentConfig;
}

/** The outside world of a PyTorch export: the worker's trained weights and the browser's download. */
export interface PytorchPorts {
  weights(): Promise<ModelWeights>;
  download(bytes: Uint8Array, filename: string, type: string): void;
}

/** Writes the trained graph as a PyTorch script plus `.npz` weights and hands both over as one zip. */
export class PytorchDownload {
  readonly #trainedSpec: () => GraphSpec | null;
  readonly #training: () => ExportedTraining;
  readonly #ports: PytorchPorts;
  working = $state(false);
  error = $state<string | null>(null);

  /**
   * Read on each save: `trainedSpec` is the graph as trained (its weights fit nothing else, so not
   * the canvas), null before a run; `training` the settings of the training panel.
   */
  constructor(trainedSpec: () => GraphSpec | null, training: () => ExportedTraining, ports: PytorchPorts) {
    this.#trainedSpec = trainedSpec;
    this.#training = training;
    this.#ports = ports;
  }

  async save(): Promise<void> {
    const spec = this.#trainedSpec();
    if (!spec || this.working) return;
    this.working = true;
    this.error = null;
    try {
      const { config, augment } = this.#training();
      const exported = exportPytorch(spec, await this.#ports.weights(), config, augment);
      this.#ports.download(pytorchBundle(exported), bundleName(exported), 'application/zip');
    } catch (e) {
      this.error = m.exportFailed({ why: (e as Error).message });
    } finally {
      this.working = false;
    }
  }
}

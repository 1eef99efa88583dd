/**
 * Opening an ONNX classifier made elsewhere: the file is read (or refused with one message naming
 * the failure, leaving whatever was open as it was), its preprocessing is restored from earlier
 * visits or guessed, and the live session runs it.
 */
import type { LiveSession } from './live-session.svelte';
import { formatShape } from '$lib/onnx/foreign/dims';
import { readForeignModel } from '$lib/onnx/foreign/read';
import { normaliseForOrt } from '$lib/onnx/foreign/normalise';
import type { ForeignError, ForeignModel } from '$lib/onnx/foreign/model';
import { classCount, defaultPreprocess, geometry, outputsProbabilities, type ForeignPreprocess, type ImageGeometry } from '$lib/onnx/foreign/input';
import type { ForeignLiveModel } from '$lib/live/shared/protocol';
import { loadForeignPreprocess, saveForeignPreprocess } from '$lib/storage/foreign-prefs';
import { m } from '$lib/i18n/messages';

export interface OpenedForeign {
  name: string;
  /** SHA-256 of the file: the key its preprocessing is remembered under. */
  hash: string;
  /** The file as ONNX Runtime is given it (window attributes spelled out). */
  runBytes: Uint8Array;
  model: ForeignModel;
  prep: ForeignPreprocess;
  geometry: ImageGeometry;
}

export type ForeignTarget = Pick<LiveSession, 'useForeign' | 'closeForeign'>;

export function describeForeignError(file: string, error: ForeignError): string {
  switch (error.kind) {
    case 'not-onnx':
      return m.foreignErrors_notOnnx({ file });
    case 'truncated':
      return m.foreignErrors_truncated({ file });
    case 'external-data':
      return m.foreignErrors_externalData({ file, tensor: error.tensor });
    case 'missing-input-shape':
      return m.foreignErrors_missingInputShape({ file, input: error.input });
    case 'unsupported-ops':
      return m.foreignErrors_unsupportedOps({ file, ops: error.ops.join(', '), count: error.ops.length, shape: error.ops.includes('Shape') ? 'yes' : 'no' });
    case 'bad-graph':
      return m.foreignErrors_badGraph({ file, node: error.node, detail: error.detail });
  }
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The saved preprocessing when it still fits the model, else a guess from the model. */
function preprocessFor(model: ForeignModel, saved: ForeignPreprocess | null): ForeignPreprocess {
  const shape = model.inputs[0].shape;
  if (saved && geometry(shape, saved.layout)) return saved;
  return defaultPreprocess(model, (index) => m.foreignUnnamedClass({ i: index }));
}

/** Labels as many as the model has outputs: missing ones named by index. */
function classNames(model: ForeignModel, labels: readonly string[]): string[] {
  const n = classCount(model) ?? labels.length;
  return Array.from({ length: n }, (_, i) => labels[i]?.trim() || m.foreignUnnamedClass({ i }));
}

export class ForeignOpener {
  opened = $state.raw<OpenedForeign | null>(null);
  /** Why the last file could not be opened; the model open before it stays. */
  error = $state<string | null>(null);
  /** The name of the file being read. */
  reading = $state<string | null>(null);

  constructor(
    private readonly target: () => ForeignTarget,
    private readonly storage: () => Storage = () => localStorage,
  ) {}

  async open(file: Blob, name: string): Promise<void> {
    this.reading = name;
    this.error = null;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const read = readForeignModel(bytes);
      if (!read.ok) {
        this.error = describeForeignError(name, read.error);
        return;
      }
      const { model } = read;
      const shape = model.inputs.length === 1 ? model.inputs[0].shape : [];
      if (!geometry(shape, 'NCHW') && !geometry(shape, 'NHWC')) {
        this.error = m.foreignNotImage({ shape: formatShape(shape) });
        return;
      }
      const hash = await sha256(bytes);
      await this.apply({ name, hash, runBytes: normaliseForOrt(bytes, model), model, ...this.fitted(model, preprocessFor(model, loadForeignPreprocess(hash, this.storage()))) });
    } catch (error) {
      this.error = m.foreignErrors_unreadable({ file: name, why: error instanceof Error ? error.message : String(error) });
    } finally {
      this.reading = null;
    }
  }

  /** New preprocessing for the open model: remembered for its file, and the model reloaded with it. */
  async setPreprocess(prep: ForeignPreprocess): Promise<void> {
    const opened = this.opened;
    if (!opened) return;
    const fitted = this.fitted(opened.model, prep);
    saveForeignPreprocess(opened.hash, fitted.prep, this.storage());
    await this.apply({ ...opened, ...fitted });
  }

  async close(): Promise<void> {
    this.opened = null;
    this.error = null;
    await this.target().closeForeign();
  }

  private fitted(model: ForeignModel, prep: ForeignPreprocess): { prep: ForeignPreprocess; geometry: ImageGeometry } {
    const shape = model.inputs[0].shape;
    const layout = geometry(shape, prep.layout) ? prep.layout : prep.layout === 'NCHW' ? 'NHWC' : 'NCHW';
    return { prep: { ...prep, layout, labels: classNames(model, prep.labels) }, geometry: geometry(shape, layout) as ImageGeometry };
  }

  private async apply(opened: OpenedForeign): Promise<void> {
    this.opened = opened;
    const live: ForeignLiveModel = {
      bytes: opened.runBytes,
      input: { geometry: opened.geometry, layout: opened.prep.layout, range: opened.prep.range, mean: opened.prep.mean, std: opened.prep.std },
      probabilities: outputsProbabilities(opened.model),
      fixedBatch: typeof opened.model.inputs[0].shape[0] === 'number' ? opened.model.inputs[0].shape[0] : null,
    };
    await this.target().useForeign(opened.name, live, opened.prep.labels);
  }
}

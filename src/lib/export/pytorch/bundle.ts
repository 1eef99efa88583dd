import { zipSync } from 'fflate';
import type { PytorchExport } from './export';

/**
 * The script and its weights as one zip, both in a folder named after the model. One file rather
 * than two downloads: browsers hold back a second download started by the same click (Chromium
 * asks for permission), and the script finds its `.npz` only when the two stay side by side.
 * Stored, not deflated: the `.npz` is already a zip and the script is a few kilobytes.
 */
export function pytorchBundle(exported: PytorchExport): Uint8Array {
  const { fileStem } = exported;
  return zipSync(
    {
      [fileStem]: {
        [`${fileStem}.py`]: new TextEncoder().encode(exported.script),
        [`${fileStem}.npz`]: exported.weights,
      },
    },
    { level: 0 },
  );
}

/** The zip's file name. */
export const bundleName = (exported: PytorchExport): string => `${exported.fileStem}-pytorch.zip`;

import type { LayerKind } from '$lib/spec/types';
import { LAYERS } from '$lib/spec/layers';

/** The drag payload type for palette entries, so drops of other things onto the canvas are ignored. */
export const LAYER_MIME = 'application/x-netloom-layer';

export function readDroppedKind(transfer: DataTransfer | null): LayerKind | null {
  const kind = transfer?.getData(LAYER_MIME);
  return kind && kind in LAYERS ? (kind as LayerKind) : null;
}

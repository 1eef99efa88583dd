import { m } from '$lib/i18n/messages';
import { analyzeGraph } from '$lib/spec/analyze';
import { PRESETS, PRESET_IDS } from '$lib/spec/presets';
import { DATASETS, DEFAULT_DATASET } from '$lib/datasets/shared/catalog';
import { parseCommand } from '../args';
import type { Output } from '../output';
import { text } from '../text';

/** `netloom presets`: one line per built-in model, its id first (what `preset:NAME` takes), sized for the default dataset. */
export function presetsCommand(argv: string[], out: Output): void {
  parseCommand(argv, {}, []);
  const classes = DATASETS[DEFAULT_DATASET].classes.length;
  for (const id of PRESET_IDS) {
    const { params } = analyzeGraph(PRESETS[id](classes)).totals;
    out.stdout(text.presetLine(id, m[`presets_${id}_name`](), params, m[`presets_${id}_description`]()));
  }
}

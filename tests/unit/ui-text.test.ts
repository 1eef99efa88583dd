import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { literalTexts } from './support/svelte-text';

/**
 * Every string a user reads comes from the message catalogue (messages/<locale>/*.json), so a
 * translation is a new set of files. This scan fails when English text is written straight into a
 * component's markup or into an attribute a person reads or hears.
 */
const COMPONENTS = 'src/components';
/** The page's root component sits beside them. */
const ROOT = 'src/App.svelte';

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return svelteFiles(path);
    return entry.name.endsWith('.svelte') ? [path] : [];
  });
}

describe('component text comes from the message catalogue', () => {
  it('finds the literals it is meant to catch (the scan itself works)', () => {
    const source = `<script>const a = 'ignored';</script>
<button title="Zoom in" aria-label={m.zoom()} data-testid="zoom-in" class="wide tool">Zoom</button>
<span>{count} × {size}</span> <td>{ms.toFixed(2)} ms</td>
<p>{#if ok}Done{:else}{m.failed()}{/if}</p>
<input placeholder="Search" onclick={() => (open = a > b)} /><!-- a comment -->
<Handle aria-label={\`\${id} input\`} title={m.handle({ id })} class={wide ? 'wide tool' : ''} />&nbsp;
<div title={m[\`layerSummaries_\${kind}\`]()}></div>
<style>.x { content: 'ignored'; }</style>`;
    expect(literalTexts(source)).toEqual(['title="Zoom in"', 'placeholder="Search"', 'aria-label={input}', 'Zoom', 'Done']);
  });

  it('leaves no English literal in src/components or the root component', () => {
    const found = [...svelteFiles(COMPONENTS), ROOT].flatMap((file) => literalTexts(readFileSync(file, 'utf8')).map((text) => `${relative('src', file)}: ${text}`));
    expect(found).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { autosaveSpec, loadAutosavedSpec } from '$lib/storage/autosave';
import { defaultSpec } from '$lib/spec/presets';
import { recordProblems } from '$lib/storage/record-problems.svelte';
import { memoryStorage } from './support/memory-storage';

const KEY = 'netloom.autosave.spec';

describe('autosave', () => {
  it('gives back the graph it saved', () => {
    const storage = memoryStorage();
    autosaveSpec(defaultSpec(4), storage);
    expect(loadAutosavedSpec(storage)).toEqual(defaultSpec(4));
  });

  it('opens an autosave from before graphs were tagged (version 0)', () => {
    const { format: _format, version: _version, ...untagged } = defaultSpec(4);
    expect(loadAutosavedSpec(memoryStorage({ [KEY]: JSON.stringify(untagged) }))).toEqual(defaultSpec(4));
  });

  it('starts fresh instead of opening a damaged, foreign or newer graph', () => {
    const spec = defaultSpec(4);
    const stored = [
      '{"format":',
      JSON.stringify({ ...spec, nodes: [{ ...spec.nodes[0], kind: 'Nope' }] }),
      JSON.stringify({ ...spec, nodes: [{ ...spec.nodes[0], params: { height: '28', width: 28, channels: 1 } }] }),
      JSON.stringify({ ...spec, version: 2 }),
      '[]',
    ];
    for (const raw of stored) expect(loadAutosavedSpec(memoryStorage({ [KEY]: raw })), raw).toBeNull();
    expect(loadAutosavedSpec(memoryStorage())).toBeNull();
  });

  it('keeps the text of an unreadable autosave under another key before the page saves over it, and reports why', () => {
    recordProblems.splice(0);
    const raw = JSON.stringify({ ...defaultSpec(4), version: 2 });
    const storage = memoryStorage({ [KEY]: raw });
    expect(loadAutosavedSpec(storage)).toBeNull();
    autosaveSpec(defaultSpec(4), storage);
    expect(storage.getItem(`${KEY}.unreadable`)).toBe(raw);
    expect(recordProblems).toEqual([{ noun: 'graph', reasons: [expect.stringMatching(/made by a newer NetLoom/)], keptAs: `${KEY}.unreadable` }]);
    recordProblems.splice(0);
    loadAutosavedSpec(memoryStorage({ [KEY]: '{"format":' }));
    expect(recordProblems.map((p) => p.reasons)).toEqual([['Its text is damaged (not JSON).']]);
    recordProblems.splice(0);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { startApp, type StartupInput } from '$lib/app/startup';
import { confirmLeavingWhile } from '$lib/app/leave-guard';
import { shareHash } from '$lib/share/url';
import { PRESETS, defaultSpec } from '$lib/spec/presets';
import type { GraphSpec } from '$lib/spec/types';

const settle = () => new Promise<void>((resolve) => setTimeout(resolve));
const names = (spec: GraphSpec) => spec.nodes.map((n) => n.id);
const mine = (): GraphSpec => ({ ...PRESETS.mlp(4), name: 'My MLP' });

function start(input: Partial<StartupInput> = {}) {
  const clearAddress = vi.fn();
  const restoreTraining = vi.fn(async () => {});
  const app = startApp({ hash: '', autosaved: null, untouched: defaultSpec(4), clearAddress, restoreTraining, ...input });
  return { ...app, clearAddress, restoreTraining };
}

describe('what the editor opens with', () => {
  it('a first visit opens the starting model and looks for a run to resume', () => {
    const { editor, sharedGraphs, restoreTraining } = start();
    expect(editor.spec.name).toBe('Tiny CNN');
    expect(sharedGraphs.offer).toBeNull();
    expect(restoreTraining).toHaveBeenCalledOnce();
  });

  it('a reload opens the autosaved graph', () => {
    const { editor } = start({ autosaved: mine() });
    expect(editor.spec.name).toBe('My MLP');
  });

  it('a shared link on a first visit opens at once and leaves the address', () => {
    const { editor, sharedGraphs, clearAddress } = start({ hash: shareHash(PRESETS.lenet5(4)) });
    expect(editor.spec.name).toBe('LeNet-5');
    expect(sharedGraphs.offer).toBeNull();
    expect(clearAddress).toHaveBeenCalledOnce();
  });

  it('a shared link over the user graph is offered; "Keep mine" keeps it', () => {
    const { editor, sharedGraphs, clearAddress } = start({ autosaved: mine(), hash: shareHash(PRESETS.lenet5(4)) });
    expect(editor.spec.name).toBe('My MLP');
    expect(sharedGraphs.offer?.name).toBe('LeNet-5');
    expect(clearAddress).not.toHaveBeenCalled();
    sharedGraphs.keep();
    expect(sharedGraphs.offer).toBeNull();
    expect(editor.spec.name).toBe('My MLP');
    expect(clearAddress).toHaveBeenCalledOnce();
  });

  it('"Open" replaces it, and the user graph is one undo away', async () => {
    const { editor, sharedGraphs } = start({ autosaved: mine(), hash: shareHash(PRESETS.lenet5(4)) });
    expect(sharedGraphs.open()).toBe(true);
    expect(editor.spec.name).toBe('LeNet-5');
    await settle();
    editor.undo();
    expect(editor.spec.name).toBe('My MLP');
    expect(names(editor.spec)).toEqual(names(mine()));
  });

  it('a link to the graph already open changes nothing and asks nothing', () => {
    const moved = { ...mine(), nodes: mine().nodes.map((n) => ({ ...n, position: { x: 1, y: 2 } })) };
    const { editor, sharedGraphs, clearAddress } = start({ autosaved: mine(), hash: shareHash(moved) });
    expect(sharedGraphs.offer).toBeNull();
    expect(editor.canUndo).toBe(false);
    expect(clearAddress).toHaveBeenCalledOnce();
  });

  it('a damaged link says why and keeps the graph', () => {
    const { editor, sharedGraphs } = start({ autosaved: mine(), hash: '#graph=bm90IGEgZ3JhcGg' });
    expect(sharedGraphs.error).toContain('Your current graph is unchanged');
    expect(editor.spec.name).toBe('My MLP');
  });

  it('a link arriving later (hash change) is offered the same way', () => {
    const { editor, sharedGraphs } = start({ autosaved: mine() });
    expect(sharedGraphs.receive(shareHash(PRESETS.vgg(4)))).toBe(false);
    expect(sharedGraphs.offer?.name).toBe('VGG-tiny');
    expect(editor.spec.name).toBe('My MLP');
  });
});

describe('leaving the page', () => {
  const leave = () => ({ preventDefault: vi.fn(), returnValue: undefined as unknown });

  it('asks only while a run is in progress', () => {
    const idle = leave();
    confirmLeavingWhile(false, idle);
    expect(idle.preventDefault).not.toHaveBeenCalled();
    const training = leave();
    confirmLeavingWhile(true, training);
    expect(training.preventDefault).toHaveBeenCalledOnce();
  });
});

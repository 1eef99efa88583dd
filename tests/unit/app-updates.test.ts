import { describe, expect, it } from 'vitest';
import { AppUpdates } from '$lib/app/updates.svelte';
import { m } from '$lib/i18n/messages';

/** An update whose activation is counted instead of reloading a page. */
function waitingUpdate() {
  const applied: number[] = [];
  return { applied, apply: async () => void applied.push(applied.length + 1) };
}

describe('the update notice', () => {
  it('shows nothing until a new version waits', () => {
    const updates = new AppUpdates(() => false);
    expect(updates.shown).toBe(false);
    expect(updates.canReload).toBe(false);
  });

  it('while a training run is busy, Reload is refused with the reason and activates nothing; once the run ends it reloads', async () => {
    let busy = true;
    const updates = new AppUpdates(() => busy);
    const update = waitingUpdate();
    updates.offer(update.apply);

    expect(updates.shown).toBe(true);
    expect(updates.canReload).toBe(false);
    expect(updates.blockedReason).toBe(m.updateBlockedByTraining());
    await updates.reload();
    expect(update.applied).toEqual([]);

    busy = false;
    expect(updates.blockedReason).toBeUndefined();
    expect(updates.canReload).toBe(true);
    await updates.reload();
    expect(update.applied).toEqual([1]);
    expect(updates.reloading).toBe(true);
    // One click is one update: a second click while the page reloads does nothing more.
    await updates.reload();
    expect(update.applied).toEqual([1]);
  });

  it('Later hides the notice without updating; the next version shows it again', async () => {
    const updates = new AppUpdates(() => false);
    const first = waitingUpdate();
    updates.offer(first.apply);
    updates.dismiss();
    expect(updates.shown).toBe(false);
    await updates.reload();
    expect(first.applied).toEqual([]);

    const second = waitingUpdate();
    updates.offer(second.apply);
    expect(updates.shown).toBe(true);
    await updates.reload();
    expect(second.applied).toEqual([1]);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from './support/memory-storage';
import { m } from '$lib/i18n/messages';

/** The page's start: a fresh module (its language cell) for each test, over stand-ins for the browser's globals. */
async function startPage(browserLanguages: string[], saved: Record<string, string> = {}) {
  vi.resetModules();
  const storage = memoryStorage(saved);
  const root = { lang: 'en' };
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('navigator', { languages: browserLanguages, language: browserLanguages[0] });
  vi.stubGlobal('document', { documentElement: root });
  const page = await import('$lib/app/language.svelte');
  const { m } = await import('$lib/i18n/messages');
  page.startLanguage();
  return { page, m, storage, root };
}

describe('the page’s language', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('starts in the browser’s language and tells <html lang>', async () => {
    const { page, m, root } = await startPage(['zh-CN', 'en-US']);
    expect(page.language()).toBe('zh');
    expect(root.lang).toBe('zh-CN');
    expect(m.train()).toBe('训练');
  });

  it('keeps a pick for the next visit, where it beats the browser', async () => {
    const first = await startPage(['zh-CN']);
    first.page.pickLanguage('en');
    expect(first.m.train()).toBe('Train');
    expect(first.root.lang).toBe('en');
    const kept = { 'netloom.ui.language': first.storage.getItem('netloom.ui.language') ?? '' };

    const next = await startPage(['zh-CN'], kept);
    expect(next.page.language()).toBe('en');
    expect(next.m.train()).toBe('Train');
  });

  it('leaves Node code, which never starts the page, in English', () => {
    expect(m.train()).toBe('Train');
  });
});

import { describe, expect, it } from 'vitest';
import { messages, type Messages } from '$lib/i18n/messages';

/**
 * A translation is a new file holding an object of type `Messages`. These checks run in the type
 * checker (`npm run check` compiles tests): a translation may change every text, but may not
 * leave a key out.
 */
describe('the message catalogue can be translated', () => {
  it('accepts other texts under the same keys', () => {
    const retitled: Messages = { ...messages, appTagline: 'Another tagline', finished: (acc) => `Done: ${acc}` };
    expect(retitled.finished('90%')).toBe('Done: 90%');
  });

  it('refuses a translation that misses a key', () => {
    const { appTagline: _, ...incomplete } = messages;
    // @ts-expect-error appTagline is missing
    const translation: Messages = incomplete;
    expect(Object.keys(translation)).not.toContain('appTagline');
  });
});

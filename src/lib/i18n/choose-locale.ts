import { match } from '@formatjs/intl-localematcher';
import { isLocale, type Locale } from './locale';

/** BCP 47 tags of the catalogues, as the matcher and `<html lang>` read them. */
export const LOCALE_TAGS: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };

/**
 * The language to open in: the one the user chose here before, else the first of the browser's
 * languages a catalogue serves, by CLDR's language matching (zh, zh-CN, zh-SG, zh-Hans-* → Chinese;
 * Traditional Chinese, zh-TW/zh-HK, does not match Simplified there and falls through to the next
 * language, else English), else English.
 */
export function chooseLocale(saved: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  const tags = Object.values(LOCALE_TAGS);
  const requested = browserLanguages.filter(isWellFormed);
  const tag = match(requested, tags, LOCALE_TAGS.en);
  return (Object.keys(LOCALE_TAGS) as Locale[]).find((locale) => LOCALE_TAGS[locale] === tag) ?? 'en';
}

function isWellFormed(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

import { LOCALE_TAGS, chooseLocale } from '$lib/i18n/choose-locale';
import { currentLocale, setLocale, useLocaleCell, type Locale } from '$lib/i18n/locale';
import { loadLanguage, saveLanguage } from '$lib/storage/ui-prefs';

let current = $state<Locale>('en');

/**
 * Makes the catalogue reactive (markup and `$derived`s that call a message re-run on a switch)
 * and opens in the saved language, else the browser's. Call once, before the app mounts.
 */
export function startLanguage(): void {
  useLocaleCell({
    get: () => current,
    set: (locale) => {
      current = locale;
      document.documentElement.lang = LOCALE_TAGS[locale];
    },
  });
  setLocale(chooseLocale(loadLanguage(), navigator.languages ?? [navigator.language]));
}

/** The user's pick: shown at once, without a reload, and kept for the next visit. */
export function pickLanguage(locale: Locale): void {
  setLocale(locale);
  saveLanguage(locale);
}

export function language(): Locale {
  return currentLocale();
}

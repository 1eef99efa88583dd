import { currentLocale, type Locale } from './locale';

/**
 * One object that reads as the catalogue of the current language: each property access asks the
 * locale cell, so a reactive cell makes every reader of a message re-run on a switch. A key the
 * translation lacks falls back to English and is reported once (the language test watches for it).
 */
export function localized<T extends object>(catalogues: Record<Locale, T>): T {
  const reported = new Set<string>();
  return new Proxy(catalogues.en, {
    get(english, key) {
      const catalogue = catalogues[currentLocale()];
      if (catalogue === english || typeof key !== 'string' || !(key in english)) return Reflect.get(english, key);
      if (key in catalogue) return Reflect.get(catalogue, key);
      if (!reported.has(key)) {
        reported.add(key);
        console.error(`[i18n] missing ${currentLocale()} message: ${key}`);
      }
      return Reflect.get(english, key);
    },
  });
}

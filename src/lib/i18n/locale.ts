/**
 * Which language the catalogue speaks. The value lives in a swappable cell: a plain variable in
 * Node and in workers, a Svelte `$state` in the page (installed by `$lib/app/language.svelte`), so
 * calling a message inside markup or a `$derived` re-renders it when the language changes.
 */
export const LOCALES = ['en', 'zh'] as const;

export type Locale = (typeof LOCALES)[number];

export interface LocaleCell {
  get(): Locale;
  set(locale: Locale): void;
}

function plainCell(): LocaleCell {
  let current: Locale = 'en';
  return {
    get: () => current,
    set: (locale) => {
      current = locale;
    },
  };
}

let cell: LocaleCell = plainCell();

export function currentLocale(): Locale {
  return cell.get();
}

export function setLocale(locale: Locale): void {
  cell.set(locale);
}

/** Moves the current language into `next` (e.g. a reactive one), which holds it from now on. */
export function useLocaleCell(next: LocaleCell): void {
  next.set(cell.get());
  cell = next;
}

export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((locale) => locale === value);
}

/** The language picker. Part of `messages` (see messages.ts). */
export const languageText = {
  languagePicker: 'Language',
  /** Each language in its own words, the same in every catalogue: a reader looks for their own. */
  languageNames: { en: 'English', zh: '中文' },
};

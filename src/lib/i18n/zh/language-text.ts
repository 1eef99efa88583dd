import type { languageText } from '../language-text';

export const zhLanguageText = {
  languagePicker: '语言',
  languageNames: { en: 'English', zh: '中文' },
} satisfies typeof languageText;

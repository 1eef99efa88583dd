import type { languageText } from '../language-text';
import type { Draft } from './draft';

export const zhLanguageText: Draft<typeof languageText> = {
  languagePicker: '语言',
  languageNames: { en: 'English', zh: '中文' },
};

/**
 * Values formatted before they go into a message: the catalogue holds words, the numbers and
 * lists that appear inside them are shaped here, in the current language where that matters.
 */
import { LOCALE_TAGS } from './choose-locale';
import { currentLocale } from './locale';
import { m } from './messages';

/** Digits grouped the way the current language writes them. */
export const grouped = (n: number): string => n.toLocaleString(LOCALE_TAGS[currentLocale()]);

export const bytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** Two significant digits, without trailing zeros: 0.0030 → "0.003". */
export const twoDigits = (x: number): string => String(Number(x.toPrecision(2)));

export const percent = (share: number): string => `${Math.round(share * 100)} %`;

export const list = (items: readonly string[]): string => items.join(m.listSeparator());

export const epochSpan = (first: number, last: number): string =>
  first === last ? m.doctorEpoch({ epoch: first }) : m.doctorEpochs({ first, last });

/** Up to four class names, else how many there are. */
export const classList = (classes: readonly string[]): string =>
  classes.length <= 4 ? list(classes) : m.datasetClassCount({ count: classes.length });

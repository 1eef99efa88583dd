/**
 * A translation that may still lack keys, at any depth, while the English catalogue is growing:
 * what it has is type-checked against English; what it lacks falls back to English at run time
 * and is listed by tests/unit/i18n.test.ts.
 */
export type Draft<T> = {
  [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? T[K] : T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? Draft<T[K]> : T[K];
};

/** 1234567 → "1.23M": counts read at a glance on a node card. */
export function compactNumber(n: number): string {
  if (n < 1000) return String(n);
  const units = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const;
  for (const [size, suffix] of units) if (n >= size) return `${(n / size).toPrecision(3).replace(/\.?0+$/, '')}${suffix}`;
  return String(n);
}

export function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function bytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GB`;
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(2)} MB`;
}

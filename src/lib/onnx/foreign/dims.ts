/**
 * Arithmetic on dimensions that may be named (a dynamic batch `N`): products and quotients keep
 * the names, so `Flatten` of [N, 16, 5, 5] reads [N, 400] and `Reshape` to [-1, 400] gives back N.
 */
import type { Dim, Shape } from './model';

interface Factors {
  n: number;
  names: string[];
}

function factors(dim: Dim): Factors {
  if (typeof dim === 'number') return { n: dim, names: [] };
  const names: string[] = [];
  let n = 1;
  for (const part of dim.split('*')) {
    const value = Number(part);
    if (part !== '' && Number.isInteger(value)) n *= value;
    else names.push(part);
  }
  return { n, names };
}

function join({ n, names }: Factors): Dim {
  if (names.length === 0) return n;
  const sorted = [...names].sort().join('*');
  return n === 1 ? sorted : `${n}*${sorted}`;
}

export function product(dims: Shape): Dim {
  const all = dims.map(factors);
  return join({ n: all.reduce((a, f) => a * f.n, 1), names: all.flatMap((f) => f.names) });
}

/** `a / b`, or undefined when it does not divide (sizes or names). */
export function quotient(a: Dim, b: Dim): Dim | undefined {
  const fa = factors(a);
  const fb = factors(b);
  if (fb.n === 0 || fa.n % fb.n !== 0) return undefined;
  const names = [...fa.names];
  for (const name of fb.names) {
    const at = names.indexOf(name);
    if (at < 0) return undefined;
    names.splice(at, 1);
  }
  return join({ n: fa.n / fb.n, names });
}

export function sameDim(a: Dim, b: Dim): boolean {
  return join(factors(a)) === join(factors(b));
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

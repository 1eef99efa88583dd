/**
 * Spelling TypeScript values and names as Python source: identifiers that are legal and collide with
 * nothing the generated module relies on, and literals that read back as the same value.
 */

const KEYWORDS = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
];

/**
 * Layers become attributes of an nn.Module and locals of its forward(): a node called "train" or
 * "state_dict" would shadow the method, one called "F" or "torch" the module the code calls.
 * (torch 1.13's public nn.Module attributes, plus the names the generated code itself uses.)
 */
const TAKEN = [
  'T_destination', 'add_module', 'apply', 'bfloat16', 'buffers', 'children', 'cpu', 'cuda', 'double', 'dump_patches', 'eval',
  'extra_repr', 'float', 'forward', 'get_buffer', 'get_extra_state', 'get_parameter', 'get_submodule', 'half', 'ipu',
  'load_state_dict', 'modules', 'named_buffers', 'named_children', 'named_modules', 'named_parameters', 'parameters',
  'register_backward_hook', 'register_buffer', 'register_forward_hook', 'register_forward_pre_hook', 'register_full_backward_hook',
  'register_load_state_dict_post_hook', 'register_module', 'register_parameter', 'requires_grad_', 'set_extra_state',
  'share_memory', 'state_dict', 'to', 'to_empty', 'train', 'type', 'xpu', 'zero_grad', 'training', 'call_super_init',
  'self', 'torch', 'nn', 'F', 'np', 'math', 'OrderedDict', 'avg_pool_same',
];

const RESERVED = new Set([...KEYWORDS, ...TAKEN]);

/** Hands out distinct Python identifiers derived from arbitrary names (node ids). */
export class Identifiers {
  readonly #used = new Set<string>();

  take(name: string): string {
    let base = name.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `l_${base}`;
    if (RESERVED.has(base)) base = `${base}_`;
    let id = base;
    for (let n = 2; this.#used.has(id); n++) id = `${base}_${n}`;
    this.#used.add(id);
    return id;
  }
}

/** A class name from a model name: "Tiny CNN" → "TinyCNN"; "Model" when nothing usable is left. */
export function className(name: string): string {
  const joined = name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
  if (joined === '') return 'Model';
  return /^[0-9]/.test(joined) ? `Net${joined}` : joined;
}

/** A file name that is also an importable Python module name: "Tiny CNN" → "tiny_cnn". */
export function moduleName(name: string): string {
  const snake = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (snake === '') return 'model';
  return /^[0-9]/.test(snake) ? `model_${snake}` : snake;
}

/** A number as Python reads it back exactly (shortest round-trip form, as JavaScript prints it). */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as a Python number`);
  return String(value);
}

/** Drops float noise of arithmetic done here (1 − 0.9 = 0.09999999999999998) so the script shows 0.1. */
export function roundOff(value: number): number {
  return Number(value.toPrecision(12));
}

/** A float literal: integers get a ".0" so Python keeps them float (learning rates, ε, momenta). */
export function float(value: number): string {
  const text = num(value);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/** A Python str literal; JSON's escapes are all valid in Python strings. */
export function str(value: string): string {
  return JSON.stringify(value);
}

/** A tuple literal of numbers: (1,) for one element, as Python needs. */
export function tuple(values: readonly number[]): string {
  return values.length === 1 ? `(${num(values[0])},)` : `(${values.map(num).join(', ')})`;
}

/** Text safe inside a # comment: one line. */
export function commentText(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

/** Joins the lines of a block of Python, leaving out the ones a condition turned off. */
export const lines = (...parts: (string | false | null | undefined)[]): string => parts.filter((p) => typeof p === 'string').join('\n');

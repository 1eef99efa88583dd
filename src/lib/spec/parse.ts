import { accept, isFields, readVersioned, refuse, type Fields, type Parsed, type VersionedFormat } from '$lib/util/versioned';
import { m } from '$lib/i18n/messages';
import { paramProblem } from './field-problems';
import type { ParamField } from './layer-fields';
import { LAYERS } from './layers';
import { SPEC_UPGRADES } from './migrations';
import { SPEC_FORMAT, SPEC_VERSION, type GraphSpec, type LayerKind, type LayerNode } from './types';

const SPEC_RECORD: VersionedFormat<GraphSpec> = {
  tag: SPEC_FORMAT,
  get noun() {
    return m.recordNouns_graph();
  },
  upgrades: SPEC_UPGRADES,
  validate: validateSpec,
};

/**
 * The one way into the program for a graph from outside it (share link, autosave, worker
 * message, checkpoint, file): older versions are upgraded, then everything the editor relies on
 * is checked: known kinds with exactly their kind's settings, of the right types and, for lists of
 * choices, one of the choices; unique ids, input lists without repeats, positions that are numbers.
 * What the editor can show and the user can fix there is accepted: wiring mistakes (cycles,
 * missing inputs, wrong arity) and numbers outside a field's range, which analyzeGraph pins to
 * their nodes. The value returned holds only the fields a GraphSpec has.
 */
export function parseSpec(value: unknown): Parsed<GraphSpec> {
  return readVersioned(SPEC_RECORD, value);
}

function validateSpec(record: Fields): Parsed<GraphSpec> {
  if (!('nodes' in record)) return refuse(m.recordNotOne({ noun: m.recordNouns_graph() }));
  if (!Array.isArray(record.nodes)) return refuse(m.specNoNodes());
  const errors: string[] = [];
  if (typeof record.name !== 'string') errors.push(m.specNoName());
  const seen = new Set<string>();
  const nodes: LayerNode[] = [];
  for (const [i, raw] of record.nodes.entries()) {
    const node = readNode(raw, i + 1, seen);
    if (typeof node === 'string') errors.push(node);
    else nodes.push(node);
  }
  if (errors.length > 0) return refuse(...errors);
  return accept({ format: SPEC_FORMAT, version: SPEC_VERSION, name: record.name as string, nodes });
}

/** The node, or why it cannot be one. */
function readNode(raw: unknown, n: number, seen: Set<string>): LayerNode | string {
  if (
    !isFields(raw) ||
    typeof raw.id !== 'string' ||
    typeof raw.kind !== 'string' ||
    !isFields(raw.params) ||
    !Array.isArray(raw.inputs) ||
    raw.inputs.some((i) => typeof i !== 'string')
  ) {
    return m.specNodeMalformed({ n });
  }
  const { id, kind, params, inputs, position } = raw as Fields & { id: string; kind: string; params: Fields; inputs: string[] };
  const problem = nodeProblem(id, kind, params, inputs, position, seen);
  if (problem) return m.specLayerProblem({ n, problem });
  seen.add(id);
  const copy = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]));
  const node = { id, kind, params: copy, inputs: [...inputs] } as LayerNode;
  if (isPosition(position)) node.position = { x: position.x, y: position.y };
  return node;
}

function nodeProblem(id: string, kind: string, params: Fields, inputs: string[], position: unknown, seen: Set<string>): string | null {
  if (seen.has(id)) return m.specIdTwice({ id });
  if (!Object.hasOwn(LAYERS, kind)) return m.specUnknownKind({ kind });
  const settings = paramsProblem(kind as LayerKind, params);
  if (settings) return settings;
  if (new Set(inputs).size !== inputs.length) return m.specInputTwice();
  if (position !== undefined && !isPosition(position)) return m.specBadPosition();
  return null;
}

function paramsProblem(kind: LayerKind, params: Fields): string | null {
  const defaults: Fields = LAYERS[kind].defaults;
  const keys = Object.keys(defaults);
  if (Object.keys(params).length !== keys.length || keys.some((k) => !Object.hasOwn(params, k))) return (keys.length > 0 ? m.specSettingsAre({ kind, keys: keys.join(', ') }) : m.specSettingsEmpty({ kind }));
  for (const key of keys) {
    const problem = typeProblem(key, params[key], defaults[key]);
    if (problem) return problem;
  }
  // A choice the list does not offer could not be shown in the inspector, unlike a number out of range.
  const choices = (LAYERS[kind].fields as ParamField[]).filter((field) => field.widget === 'choice');
  return choices.map((field) => paramProblem(field, params[field.key])?.message).find(Boolean) ?? null;
}

/** `example` is the kind's default, which has the setting's type. */
function typeProblem(key: string, value: unknown, example: unknown): string | null {
  const type = typeOf(example);
  const finite = typeof value === 'number' ? Number.isFinite(value) : !Array.isArray(value) || value.every((v) => Number.isFinite(v));
  return typeOf(value) === type && finite ? null : m.specSettingType({ key, type });
}

/** The type as the messages name it. */
const typeOf = (v: unknown): string => (Array.isArray(v) ? 'list of numbers' : typeof v);

const isPosition = (v: unknown): v is { x: number; y: number } => isFields(v) && Number.isFinite(v.x) && Number.isFinite(v.y);

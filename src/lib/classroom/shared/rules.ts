/**
 * A teacher's rules for a shared project or lesson: controls locked (visible, not changeable) or
 * hidden, and ranges for the numbers a class may try. Plain data that travels in the project
 * file; a guide for a class, not a security boundary (the file can be edited).
 */
import { accept, isFields, readVersioned, refuse, stamp, type Parsed, type VersionedFormat } from '$lib/util/versioned';
import { m } from '$lib/i18n/messages';

export const CONTROLS = ['graph', 'dataset', 'epochs', 'batchSize', 'learningRate', 'samples', 'seed', 'backend', 'optimizer', 'schedule', 'regularization', 'augmentation', 'dataTab', 'useTab', 'export'] as const;
export type Control = (typeof CONTROLS)[number];
export type ControlRule = 'open' | 'locked' | 'hidden';

/** The graph is the lesson's subject: it can be locked, not hidden. */
export const HIDEABLE: readonly Control[] = CONTROLS.filter((c) => c !== 'graph');

export const RANGED = ['epochs', 'batchSize', 'learningRate'] as const;
export type RangedSetting = (typeof RANGED)[number];

export interface Range {
  min: number;
  max: number;
}

export interface ClassroomRules {
  controls: Partial<Record<Control, 'locked' | 'hidden'>>;
  ranges: Partial<Record<RangedSetting, Range>>;
  /** The teacher's reason, shown with every locked control. */
  note: string;
}

export const NO_RULES: ClassroomRules = { controls: {}, ranges: {}, note: '' };

export const ruleOf = (rules: ClassroomRules, control: Control): ControlRule => rules.controls[control] ?? 'open';

export const hasRules = (rules: ClassroomRules): boolean => Object.keys(rules.controls).length > 0 || Object.keys(rules.ranges).length > 0;

/** The values a class picked that fall outside the teacher's ranges, each with the range in words. */
export function rangeProblems(rules: ClassroomRules, values: Record<RangedSetting, number>): Partial<Record<RangedSetting, string>> {
  const problems: Partial<Record<RangedSetting, string>> = {};
  for (const setting of RANGED) {
    const range = rules.ranges[setting];
    const value = values[setting];
    if (range && !(value >= range.min && value <= range.max)) problems[setting] = m.classroomOutOfRange({ setting: m[`classroomControls_${setting}`](), min: range.min, max: range.max });
  }
  return problems;
}

const isControl = (v: string): v is Control => (CONTROLS as readonly string[]).includes(v);
const isRanged = (v: string): v is RangedSetting => (RANGED as readonly string[]).includes(v);

function readRules(record: Record<string, unknown>): Parsed<ClassroomRules> {
  const { controls, ranges, note } = record;
  if (!isFields(controls) || !isFields(ranges) || typeof note !== 'string') return refuse(m.recordNotOne({ noun: m.recordNouns_classroomRules() }));
  const kept: ClassroomRules = { controls: {}, ranges: {}, note };
  for (const [control, rule] of Object.entries(controls)) {
    if (!isControl(control) || (rule !== 'locked' && rule !== 'hidden') || (rule === 'hidden' && !HIDEABLE.includes(control))) {
      return refuse(m.classroomBadRule({ control, rule: String(rule) }));
    }
    kept.controls[control] = rule;
  }
  for (const [setting, range] of Object.entries(ranges)) {
    const { min, max } = isFields(range) ? range : {};
    if (!isRanged(setting) || !Number.isFinite(min) || !Number.isFinite(max) || (min as number) > (max as number)) return refuse(m.classroomBadRange({ setting }));
    kept.ranges[setting] = { min: min as number, max: max as number };
  }
  return accept(kept);
}

const RULES_RECORD: VersionedFormat<ClassroomRules> = {
  tag: 'netloom.classroom-rules',
  get noun() {
    return m.recordNouns_classroomRules();
  },
  upgrades: [(v0) => v0],
  validate: readRules,
};

export const parseClassroomRules = (value: unknown): Parsed<ClassroomRules> => readVersioned(RULES_RECORD, value);

export const classroomRulesRecord = (rules: ClassroomRules) => stamp(RULES_RECORD, rules);

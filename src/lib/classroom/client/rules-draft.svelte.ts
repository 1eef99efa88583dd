import { CONTROLS, RANGED, type ClassroomRules, type Control, type ControlRule, type RangedSetting } from '$lib/classroom/shared/rules';
import { m } from '$lib/i18n/messages';

interface RangeDraft {
  on: boolean;
  min: number;
  max: number;
}

/** The teacher's rules while they are being chosen; `rules()` turns them into rules or says what is wrong. */
export class RulesDraft {
  controls = $state<Record<Control, ControlRule>>(Object.fromEntries(CONTROLS.map((c) => [c, 'open'])) as Record<Control, ControlRule>);
  ranges = $state<Record<RangedSetting, RangeDraft>>({ epochs: { on: false, min: 1, max: 20 }, batchSize: { on: false, min: 8, max: 128 }, learningRate: { on: false, min: 0.0001, max: 0.1 } });
  note = $state('');

  constructor(from: ClassroomRules) {
    for (const control of CONTROLS) this.controls[control] = from.controls[control] ?? 'open';
    for (const setting of RANGED) {
      const range = from.ranges[setting];
      if (range) this.ranges[setting] = { on: true, ...range };
    }
    this.note = from.note;
  }

  readonly problems: string[] = $derived(
    RANGED.filter((s) => this.ranges[s].on && !(this.ranges[s].min <= this.ranges[s].max)).map((s) => m.classroomRangeInvalid({ setting: m[`classroomControls_${s}`]() })),
  );

  rules(): ClassroomRules {
    const rules: ClassroomRules = { controls: {}, ranges: {}, note: this.note.trim() };
    for (const control of CONTROLS) {
      const rule = this.controls[control];
      if (rule !== 'open') rules.controls[control] = rule;
    }
    for (const setting of RANGED) {
      const { on, min, max } = this.ranges[setting];
      if (on) rules.ranges[setting] = { min, max };
    }
    return rules;
  }
}

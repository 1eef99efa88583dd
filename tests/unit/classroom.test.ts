import { describe, expect, it } from 'vitest';
import { classroomRulesRecord, NO_RULES, parseClassroomRules, rangeProblems, type ClassroomRules } from '$lib/classroom/shared/rules';
import { Classroom } from '$lib/classroom/client/classroom.svelte';
import { RulesDraft } from '$lib/classroom/client/rules-draft.svelte';
import { readProject, writeProject } from '$lib/project/shared/project-file';
import { EditorState } from '$lib/editor/editor.svelte';
import { defaultSpec, PRESETS } from '$lib/spec/presets';
import { shareHash, sharedRules } from '$lib/share/url';
import { SharedGraphInbox } from '$lib/app/shared-graph.svelte';
import { defaultSettings } from '$lib/training/client/settings';
import { m } from '$lib/i18n/messages';

const RULES: ClassroomRules = { controls: { graph: 'locked', learningRate: 'locked', augmentation: 'hidden' }, ranges: { epochs: { min: 1, max: 3 } }, note: 'Today we only change the epochs' };

describe('classroom rules', () => {
  it('round-trip through their versioned record, and travel in the project file', () => {
    expect(parseClassroomRules(JSON.parse(JSON.stringify(classroomRulesRecord(RULES))))).toEqual({ ok: true, value: RULES });
    const project = { spec: defaultSpec(4), settings: { settings: defaultSettings(), backendChoice: 'auto' as const }, run: null, weights: null, dataset: null };
    const opened = readProject(writeProject({ ...project, rules: RULES }));
    expect(opened.ok && opened.value.rules).toEqual(RULES);
    const plain = readProject(writeProject(project));
    expect(plain.ok && plain.value.rules).toBeNull();
  });

  it('refuse an unknown control, a hidden graph, a backwards range and a newer version', () => {
    const stamp = (r: object) => ({ ...classroomRulesRecord(NO_RULES), ...r });
    expect(parseClassroomRules(stamp({ controls: { teleport: 'locked' } })).ok).toBe(false);
    expect(parseClassroomRules(stamp({ controls: { graph: 'hidden' } })).ok).toBe(false);
    expect(parseClassroomRules(stamp({ ranges: { epochs: { min: 5, max: 2 } } })).ok).toBe(false);
    expect(parseClassroomRules(stamp({ version: 2 })).ok).toBe(false);
  });

  it('name the settings outside the ranges', () => {
    expect(rangeProblems(RULES, { epochs: 3, batchSize: 512, learningRate: 9 })).toEqual({});
    expect(rangeProblems(RULES, { epochs: 5, batchSize: 32, learningRate: 0.01 })).toEqual({ epochs: m.classroomOutOfRange({ setting: m.classroomControls_epochs(), min: 1, max: 3 }) });
    const classroom = new Classroom();
    classroom.rules = RULES;
    const s = defaultSettings();
    s.config.epochs = 10;
    expect(Object.keys(classroom.problems(s))).toEqual(['epochs']);
    expect(classroom.problems(s).epochs.severity).toBe('error');
    expect(classroom.locked('learningRate') && classroom.hidden('augmentation') && !classroom.locked('epochs')).toBe(true);
    expect(classroom.reason).toBe(m.classroomLockedBecause({ note: RULES.note }));
  });

  it('the teacher panel draft starts from the rules and gives them back; a backwards range is refused', () => {
    const draft = new RulesDraft(RULES);
    expect(draft.rules()).toEqual(RULES);
    draft.ranges.batchSize = { on: true, min: 64, max: 8 };
    expect(draft.problems).toEqual([m.classroomRangeInvalid({ setting: m.classroomControls_batchSize() })]);
  });
});

describe('a locked graph', () => {
  it('cannot be changed by any editor action, and can again once unlocked', () => {
    const editor = new EditorState(defaultSpec(4));
    const before = JSON.stringify(editor.spec);
    editor.readOnly = true;
    editor.addLayer('Dense', { x: 0, y: 0 });
    editor.removeNode('conv1');
    editor.connect('input', 'dense');
    editor.disconnect('conv1', 'pool1');
    editor.updateParams('dense', { units: 9, activation: 'softmax', useBias: true });
    editor.selectAll();
    editor.duplicate();
    editor.undo();
    expect(JSON.stringify(editor.spec)).toBe(before);
    editor.readOnly = false;
    editor.removeNode('conv1');
    expect(editor.spec.nodes.map((n) => n.id)).not.toContain('conv1');
  });
});

describe('classroom rules in a share link', () => {
  const untouched = defaultSpec(4);
  const shared = PRESETS.lenet5(4);

  function inbox(start = untouched) {
    const editor = new EditorState(start);
    const cleared: string[] = [];
    return { editor, inbox: new SharedGraphInbox(editor, untouched, () => cleared.push('cleared')) };
  }

  it('travel in the hash beside the graph, and only when there are rules', () => {
    expect(shareHash(shared)).not.toContain('&rules=');
    const hash = shareHash(shared, RULES);
    expect(sharedRules(hash)).toEqual({ ok: true, value: RULES });
    expect(sharedRules(shareHash(shared))).toBeNull();
  });

  it('apply once the page has restored its project, whether the graph opened at once or after asking', () => {
    const { editor, inbox: atStart } = inbox();
    atStart.receive(shareHash(shared, RULES));
    expect(editor.spec.name).toBe('LeNet-5');
    const classroom = new Classroom();
    atStart.attach(classroom);
    expect(classroom.rules).toEqual(RULES);

    const asked = inbox(PRESETS.mlp(4));
    const later = new Classroom();
    asked.inbox.attach(later);
    asked.inbox.receive(shareHash(shared, RULES));
    expect(later.rules).toEqual(NO_RULES);
    asked.inbox.open();
    expect(later.rules).toEqual(RULES);
  });

  it('damaged rules are named and ignored; the graph still opens', () => {
    const { editor, inbox: damaged } = inbox();
    const classroom = new Classroom();
    damaged.attach(classroom);
    damaged.receive(`${shareHash(shared)}&rules=AAAA`);
    expect(editor.spec.name).toBe('LeNet-5');
    expect(damaged.error).toContain(m.shareNotUnpacked());
    expect(classroom.rules).toEqual(NO_RULES);
  });
});

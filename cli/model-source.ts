import { extname } from 'node:path';
import { analyzeGraph, type GraphAnalysis } from '$lib/spec/analyze';
import { parseSpec } from '$lib/spec/parse';
import { PRESETS, PRESET_IDS, type PresetId } from '$lib/spec/presets';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import type { TrainingConfig } from '$lib/training/shared/config';
import type { AugmentConfig } from '$lib/training/shared/augment';
import { PROJECT_EXTENSION, readProject } from '$lib/project/shared/project-file';
import { CliError } from './errors';
import { readBytes, readJson } from './files';
import { text } from './text';

const PRESET_PREFIX = 'preset:';

/** A graph to export or train, with its trained weights and training settings when it comes from a project. */
export interface ModelSource {
  spec: GraphSpec;
  weights: ModelWeights | null;
  training: { config: TrainingConfig; augment: AugmentConfig } | null;
}

export function presetSpec(name: string, classes: number): GraphSpec {
  if (!PRESET_IDS.includes(name as PresetId)) throw new CliError(text.unknownPreset(name, PRESET_IDS));
  return PRESETS[name as PresetId](classes);
}

/** A spec file read through the app's one entry point for outside graphs (parseSpec). */
export async function readSpecFile(path: string): Promise<GraphSpec> {
  const parsed = parseSpec(await readJson(path));
  if (!parsed.ok) throw new CliError(text.notSpec(path, parsed.errors.join(' ')));
  return parsed.value;
}

/** `preset:NAME` (built with `classes` outputs) or a spec file. */
export function loadSpec(ref: string, classes: number): Promise<GraphSpec> {
  return ref.startsWith(PRESET_PREFIX) ? Promise.resolve(presetSpec(ref.slice(PRESET_PREFIX.length), classes)) : readSpecFile(ref);
}

/** Like loadSpec, and a `.netloom` project too: its last run's graph and weights when it has them, else its canvas graph. */
export async function loadModel(ref: string, classes: number): Promise<ModelSource> {
  if (extname(ref).toLowerCase() !== PROJECT_EXTENSION) return { spec: await loadSpec(ref, classes), weights: null, training: null };
  const project = readProject(await readBytes(ref));
  if (!project.ok) throw new CliError(text.notProject(ref, project.errors.join(' ')));
  const { run, weights, spec, settings } = project.value;
  const training = { config: settings.settings.config, augment: settings.settings.augment };
  return run && weights ? { spec: run.spec, weights, training } : { spec, weights: null, training };
}

/** The analysis of a graph that must be valid, or the invalid-spec failure naming its first problem. */
export function validGraph(spec: GraphSpec): GraphAnalysis {
  const analysis = analyzeGraph(spec);
  if (!analysis.valid) {
    const [first] = analysis.issues;
    throw new CliError(text.invalidSpec(analysis.issues.length, text.nodeIssue(first.nodeId, first.message)));
  }
  return analysis;
}

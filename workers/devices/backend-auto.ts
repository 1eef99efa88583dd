import * as tf from '@tensorflow/tfjs';
import type { BackendAttempt, BackendReport, BackendSpeed } from '$lib/training/shared/protocol';
import * as fmt from '$lib/i18n/format';
import { TFJS_BACKENDS } from '$lib/devices/shared/table';
import { probeWebGpu } from '$lib/devices/client/probe';
import type { GraphSpec } from '$lib/spec/types';
import { loadSpeeds, saveSpeeds } from '$lib/storage/database';
import { activate, report } from './backend';
import { analyzeGraph } from '$lib/spec/analyze';
import { measureTrainingSpeed } from './backend-speed';
import { m } from '$lib/i18n/messages';

/**
 * Speeds depend on the device and the model's size; the adapter label stands for the device.
 * The size comes from the spec, not a tfjs model: no backend may be running yet.
 */
async function cacheKey(spec: GraphSpec): Promise<string> {
  const probe = await probeWebGpu();
  const { params, flops } = analyzeGraph(spec).totals;
  return `${probe.ok ? probe.label : 'no-webgpu'}|${navigator.userAgent}|${params} params|${flops} MACs`;
}

/** Measures every backend that starts (or reuses an earlier measurement) and activates the fastest. */
export async function chooseBySpeed(spec: GraphSpec): Promise<BackendReport> {
  const key = await cacheKey(spec);
  const cached = await loadSpeeds(key);
  const attempts: BackendAttempt[] = [];
  const speeds: BackendSpeed[] = [];
  for (const name of TFJS_BACKENDS) {
    const attempt = await activate(name);
    if (!attempt.ok) {
      attempts.push(attempt);
      continue;
    }
    const known = cached?.find((s) => s.name === name);
    speeds.push({ name, samplesPerSec: known?.samplesPerSec ?? (await measureTrainingSpeed(tf, spec)) });
  }
  if (speeds.length === 0) throw new Error(m.noBackendStarted({ tried: fmt.list(TFJS_BACKENDS) }));
  speeds.sort((a, b) => b.samplesPerSec - a.samplesPerSec);
  const [fastest] = speeds;
  for (const s of speeds.slice(1)) {
    attempts.push({ name: s.name, ok: false, reason: m.backendSlower({ speed: Math.round(s.samplesPerSec), fastest: Math.round(fastest.samplesPerSec) }) });
  }
  const final = await activate(fastest.name);
  if (!final.ok) throw new Error((final.reason ? m.fastestFailedToStart({ name: fastest.name, why: final.reason }) : m.fastestFailedToStartPlain({ name: fastest.name })));
  const allCached = speeds.every((s) => cached?.some((c) => c.name === s.name));
  if (!allCached) await saveSpeeds(key, speeds);
  return { ...(await report(fastest.name, [final, ...attempts])), speeds, speedsCached: allCached };
}

import { describe, expect, it } from 'vitest';
import { defaultSpec } from '$lib/spec/presets';
import { defaultSettings } from '$lib/training/client/settings';
import { defaultOptimizer, type OptimizerName } from '$lib/training/shared/config';
import type { EpochPoint } from '$lib/training/shared/protocol';
import { parseRunRecord, storedRunRecord, type RunRecord } from '$lib/training/shared/run-record';
import { nextSort, runRow, runsCsv, runsMarkdown, sortRows, type RunRow } from '$lib/training/shared/run-table';

const epoch = (n: number, valAcc: number, seconds = 2): EpochPoint => ({ epoch: n, trainLoss: 1, trainAcc: 0.5, valLoss: 1 - valAcc, valAcc, seconds, numTensors: 10, lr: 0.01 });

function run(id: string, name: string, optimizer: OptimizerName, valAccs: number[], extra: Partial<RunRecord> = {}): RunRecord {
  const settings = defaultSettings();
  return {
    id,
    name,
    projectId: null,
    endedAt: 1000,
    spec: defaultSpec(),
    settings: { ...settings, config: { ...settings.config, optimizer: { ...defaultOptimizer(optimizer), learningRate: 0.01 } } },
    history: { batches: [{ x: 0.5, loss: 1, lr: 0.01 }], epochs: valAccs.map((acc, k) => epoch(k + 1, acc)), bestEpoch: null },
    outcome: 'completed',
    backend: 'cpu',
    samplesPerSec: 123.456,
    params: 1234,
    macs: 56789,
    ...extra,
  };
}

const names = (rows: RunRow[]) => rows.map((r) => r.name);
const row = (r: RunRecord) => runRow(r, (key) => (key === 'shapes' ? 'Shapes' : key));

describe('run rows', () => {
  it('take the best validation accuracy, its epoch, and the time spent in epochs', () => {
    const r = row(run('a', 'A', 'adam', [0.5, 0.9, 0.9, 0.7]));
    expect(r).toMatchObject({ optimizer: 'adam', lr: 0.01, bestValAcc: 0.9, bestEpoch: 2, seconds: 8, backend: 'cpu', dataset: 'Shapes', params: 1234, macs: 56789 });
  });

  it('sort by any column, either way, runs without a value last', () => {
    const rows = [row(run('a', 'beta', 'sgd', [0.6])), row(run('b', 'Alpha', 'adam', [0.8])), row(run('c', 'gamma', 'lion', [])), row(run('d', 'delta', 'adamw', [0.7]))];
    expect(names(sortRows(rows, { column: 'bestValAcc', direction: 'descending' }))).toEqual(['Alpha', 'delta', 'beta', 'gamma']);
    expect(names(sortRows(rows, { column: 'bestValAcc', direction: 'ascending' }))).toEqual(['beta', 'delta', 'Alpha', 'gamma']);
    expect(names(sortRows(rows, { column: 'name', direction: 'ascending' }))).toEqual(['Alpha', 'beta', 'delta', 'gamma']);
    // By the optimizer's shown name: Adam, AdamW, Lion, SGD.
    expect(names(sortRows(rows, { column: 'optimizer', direction: 'ascending' }))).toEqual(['Alpha', 'delta', 'gamma', 'beta']);
    expect(names(rows)).toEqual(['beta', 'Alpha', 'gamma', 'delta']);
  });

  it('a header click turns the sorted column around; scores start best first', () => {
    expect(nextSort(null, 'bestValAcc')).toEqual({ column: 'bestValAcc', direction: 'descending' });
    expect(nextSort(null, 'name')).toEqual({ column: 'name', direction: 'ascending' });
    expect(nextSort({ column: 'name', direction: 'ascending' }, 'name')).toEqual({ column: 'name', direction: 'descending' });
  });
});

describe('run table exports', () => {
  const rows = [row(run('a', 'Adam, "fast"', 'adam', [0.5, 0.8125])), row(run('b', 'SGD | slow\nline', 'sgd', [], { backend: null, samplesPerSec: null }))];

  it('CSV quotes commas, quotes and line breaks (RFC 4180), with CRLF lines and plain numbers', () => {
    expect(runsCsv(rows)).toBe(
      'run,optimizer,lr,params,MACs,best val acc,epoch of best,time (s),samples/s,backend,dataset\r\n' +
        '"Adam, ""fast""",Adam,0.01,1234,56789,0.8125,2,4,123.5,cpu,Shapes\r\n' +
        '"SGD | slow\nline",SGD,0.01,1234,56789,,,0,,,Shapes\r\n',
    );
  });

  it('Markdown escapes pipes and joins lines, with percentages and right-aligned numbers', () => {
    expect(runsMarkdown(rows)).toBe(
      '| run | optimizer | lr | params | MACs | best val acc | epoch of best | time (s) | samples/s | backend | dataset |\n' +
        '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n' +
        '| Adam, "fast" | Adam | 0.01 | 1234 | 56789 | 81.3% | 2 | 4 | 123 | cpu | Shapes |\n' +
        '| SGD \\| slow line | SGD | 0.01 | 1234 | 56789 | – | – | 0 | – | – | Shapes |\n',
    );
  });
});

describe('run records', () => {
  it('survive storage, graph included', () => {
    const r = run('a', 'A', 'adam', [0.5]);
    const parsed = parseRunRecord(structuredClone(storedRunRecord(r)));
    expect(parsed).toEqual({ ok: true, value: r });
  });

  it('a damaged record names what is wrong; a newer one is refused', () => {
    const bad = { ...storedRunRecord(run('a', 'A', 'adam', [0.5])), outcome: 'failed', params: -1 };
    const parsed = parseRunRecord(bad);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.join(' ')).toMatch(/outcome.*params/);
    expect(parseRunRecord({ ...storedRunRecord(run('a', 'A', 'adam', [])), version: 99 }).ok).toBe(false);
  });
});

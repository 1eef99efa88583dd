/**
 * The runs comparison table: one row per kept run, sortable by any column, and the same table as
 * CSV (for a spreadsheet) and Markdown (for a report). Pure: the page and the tests share it.
 */
import { m } from '$lib/i18n/messages';
import type { OptimizerName } from './config';
import type { DatasetKey } from '$lib/datasets/shared/catalog';
import { bestValAcc, trainingSeconds, type RunRecord } from './run-record';

export const RUN_COLUMNS = ['name', 'optimizer', 'lr', 'params', 'macs', 'bestValAcc', 'bestEpoch', 'seconds', 'samplesPerSec', 'backend', 'dataset'] as const;
export type RunColumn = (typeof RUN_COLUMNS)[number];

const NUMERIC = new Set<RunColumn>(['lr', 'params', 'macs', 'bestValAcc', 'bestEpoch', 'seconds', 'samplesPerSec']);

/** Numbers are right-aligned on the page and in Markdown. */
export const isNumericColumn = (column: RunColumn): boolean => NUMERIC.has(column);

export interface RunRow {
  id: string;
  name: string;
  optimizer: OptimizerName;
  lr: number;
  params: number;
  macs: number;
  /** In [0, 1]; null for a run that ended before its first epoch. */
  bestValAcc: number | null;
  bestEpoch: number | null;
  seconds: number;
  samplesPerSec: number | null;
  backend: string | null;
  /** The dataset's name as a user knows it. */
  dataset: string;
}

export type SortDirection = 'ascending' | 'descending';

export interface RunSort {
  column: RunColumn;
  direction: SortDirection;
}

/** `datasetName` turns a dataset key into its name (a user's dataset may have been renamed or deleted since). */
export function runRow(run: RunRecord, datasetName: (key: DatasetKey) => string): RunRow {
  const best = bestValAcc(run.history);
  const { optimizer } = run.settings.config;
  return {
    id: run.id,
    name: run.name,
    optimizer: optimizer.name,
    lr: optimizer.learningRate,
    params: run.params,
    macs: run.macs,
    bestValAcc: best?.valAcc ?? null,
    bestEpoch: best?.epoch ?? null,
    seconds: trainingSeconds(run.history),
    samplesPerSec: run.samplesPerSec,
    backend: run.backend,
    dataset: datasetName(run.settings.dataset),
  };
}

/** What a column sorts by: names as shown, numbers as numbers. */
function sortKey(row: RunRow, column: RunColumn): string | number | null {
  return column === 'optimizer' ? m[`optimizers_${row.optimizer}_label`]() : row[column];
}

/** A new array in the requested order; runs without a value (no epoch yet) go last either way, and ties keep their order. */
export function sortRows(rows: readonly RunRow[], { column, direction }: RunSort): RunRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortKey(a, column);
    const y = sortKey(b, column);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sign * order;
  });
}

/** Clicking the sorted column's header turns it around; another column starts with its most useful end (best first for scores). */
export function nextSort(current: RunSort | null, column: RunColumn): RunSort {
  if (current?.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: column === 'bestValAcc' || column === 'samplesPerSec' ? 'descending' : 'ascending' };
}

const round = (value: number, digits: number): string => String(Number(value.toFixed(digits)));

/** The cell's text for the page and a report: percentages, rounded times, the optimizer's name. */
export function runCell(row: RunRow, column: RunColumn): string {
  const v = row[column];
  if (v === null) return m.runNoValue();
  switch (column) {
    case 'optimizer':
      return m[`optimizers_${row.optimizer}_label`]();
    case 'bestValAcc':
      return `${(row.bestValAcc! * 100).toFixed(1)}%`;
    case 'seconds':
      return round(row.seconds, 1);
    case 'samplesPerSec':
      return round(row.samplesPerSec!, 0);
    default:
      return String(v);
  }
}

/** The cell's value for a spreadsheet: plain numbers (accuracy as a fraction), empty when there is none. */
function dataCell(row: RunRow, column: RunColumn): string {
  const v = row[column];
  if (v === null) return '';
  switch (column) {
    case 'optimizer':
      return m[`optimizers_${row.optimizer}_label`]();
    case 'bestValAcc':
      return round(row.bestValAcc!, 4);
    case 'seconds':
      return round(row.seconds, 2);
    case 'samplesPerSec':
      return round(row.samplesPerSec!, 1);
    default:
      return String(v);
  }
}

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, with its quotes doubled. */
const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The table as CSV: a header line, then one line per row, lines ended with CRLF. */
export function runsCsv(rows: readonly RunRow[]): string {
  const lines = [RUN_COLUMNS.map((c) => m[`runColumns_${c}`]()), ...rows.map((row) => RUN_COLUMNS.map((c) => dataCell(row, c)))];
  return lines.map((cells) => cells.map(csvField).join(',') + '\r\n').join('');
}

/** A pipe would end the cell and a line break the row: both are made harmless. */
const markdownCell = (value: string): string => value.replace(/\r\n|\r|\n/g, ' ').replaceAll('|', '\\|');

/** The table as a GitHub-flavoured Markdown table, numbers right-aligned. */
export function runsMarkdown(rows: readonly RunRow[]): string {
  const line = (cells: string[]) => `| ${cells.map(markdownCell).join(' | ')} |\n`;
  const align = RUN_COLUMNS.map((c) => (NUMERIC.has(c) ? '---:' : '---'));
  return line(RUN_COLUMNS.map((c) => m[`runColumns_${c}`]())) + `| ${align.join(' | ')} |\n` + rows.map((row) => line(RUN_COLUMNS.map((c) => runCell(row, c)))).join('');
}

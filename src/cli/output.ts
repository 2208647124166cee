// What a command returns and how it is printed: `-o table` (default), `list`
// (one `key: value` line per field) or `json` (machine-readable; u64 values
// as numbers when exact, else strings). Commands build plain records, so
// the three renderings cannot disagree about the data.
import { IggyError } from '../../src/errors/iggy_error.js';

export type Cell = string | number | bigint | boolean | null;
export type Row = Record<string, Cell>;

export type Output =
  | { kind: 'rows'; rows: Row[]; columns?: string[] }
  | { kind: 'record'; record: Row; title?: string }
  | { kind: 'text'; text: string; json?: unknown }
  | { kind: 'none' };

export type OutputMode = 'table' | 'list' | 'json';

export function outputModeOf(value: unknown): OutputMode {
  if (value === undefined) return 'table';
  if (value === 'table' || value === 'list' || value === 'json') return value;
  throw IggyError.of('InvalidFormat', `output must be table, list or json (got ${String(value)})`);
}

export const rows = (items: Row[], columns?: string[]): Output => ({ kind: 'rows', rows: items, ...(columns ? { columns } : {}) });
export const record = (item: Row, title?: string): Output => ({ kind: 'record', record: item, ...(title ? { title } : {}) });
export const text = (message: string, json?: unknown): Output => ({ kind: 'text', text: message, json });

function cellText(value: Cell): string {
  if (value === null) return '-';
  return String(value);
}

function jsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
  }
  return value;
}

export function toJson(value: unknown): string {
  return JSON.stringify(jsonValue(value), null, 2);
}

function table(items: Row[], columns: string[]): string {
  const widths = columns.map((c) => Math.max(c.length, ...items.map((r) => cellText(r[c] ?? null).length)));
  const line = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const fmt = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const body = items.map((r) => fmt(columns.map((c) => cellText(r[c] ?? null))));
  return [line, fmt(columns), line, ...body, ...(items.length > 0 ? [line] : [])].join('\n');
}

export function render(output: Output, mode: OutputMode): string | null {
  switch (output.kind) {
    case 'none':
      return null;
    case 'text':
      return mode === 'json' ? toJson(output.json ?? { message: output.text }) : output.text;
    case 'record': {
      if (mode === 'json') return toJson(output.record);
      const entries = Object.entries(output.record);
      if (mode === 'list') return entries.map(([k, v]) => `${k}: ${cellText(v)}`).join('\n');
      const head = output.title === undefined ? '' : `${output.title}\n`;
      return head + table(entries.map(([property, value]) => ({ Property: property, Value: cellText(value) })), ['Property', 'Value']);
    }
    case 'rows': {
      if (mode === 'json') return toJson(output.rows);
      const columns = output.columns ?? Object.keys(output.rows[0] ?? {});
      if (mode === 'list') return output.rows.map((r) => columns.map((c) => `${c}: ${cellText(r[c] ?? null)}`).join(', ')).join('\n');
      return table(output.rows, columns);
    }
  }
}

// Proves the error table equals ERRORS.md both ways: every documented code is
// in the table with its name, HTTP code and status, and nothing else is.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODE, ERROR_TABLE, IggyError, errorName, httpStatusOf } from './iggy_error.js';

const ERRORS_MD = new URL('../../test/fixtures/iggy-0.8/ERRORS.md', import.meta.url);

function documentedRows(): Array<{ code: number; name: string; httpCode: string; httpStatus: number }> {
  const rows = [];
  for (const line of readFileSync(ERRORS_MD, 'utf8').split('\n')) {
    const m = /^\|\s*(\d+)\s*\|\s*`(\w+)`\s*\|\s*`(\w+)`\s*\|[^|]*\|\s*(\d+)\s*\|/.exec(line);
    if (m) rows.push({ code: Number(m[1]), name: m[2]!, httpCode: m[3]!, httpStatus: Number(m[4]) });
  }
  return rows;
}

describe('error table', () => {
  it('holds every code of ERRORS.md and nothing else', () => {
    const rows = documentedRows();
    expect(rows.length).toBe(223);
    const table = Object.entries(ERROR_TABLE).map(([name, e]) => ({ code: e.code, name, httpCode: e.httpCode, httpStatus: e.httpStatus }));
    expect(table).toEqual(rows);
  });

  it('has no code twice', () => {
    const codes = Object.values(ERROR_TABLE).map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('maps codes to names and unknown codes to Error', () => {
    expect(ERROR_CODE.StreamIdNotFound).toBe(1009);
    expect(errorName(41)).toBe('Unauthorized');
    expect(errorName(999_999)).toBe('Error');
    expect(httpStatusOf(40)).toBe(401);
    const err = IggyError.of('TopicIdNotFound', 'topic 7 in stream 1');
    expect(err.code).toBe(2010);
    expect(err.errorName).toBe('TopicIdNotFound');
    expect(err.message).toContain('topic 7');
  });
});

// Argument values as Iggy 0.8's CLI spells them: identifiers (a number is an
// id, anything else a name), expiries ("1h 30m", "never_expire",
// "server_default"), sizes ("10 GiB", "unlimited") and small integers. Each
// bad value is one InvalidFormat error naming the argument.
import { IggyError } from '../../src/errors/iggy_error.js';
import { U64_MAX } from '../../src/protocol/types.js';

export type IdArg = number | string;

export function parseId(text: string, what: string): IdArg {
  if (text.length === 0) throw IggyError.of('InvalidIdentifier', `${what} is empty`);
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value > 0xffff_ffff) throw IggyError.of('InvalidIdentifier', `${what} ${text} is over u32`);
    return value;
  }
  return text;
}

export function parseU32(text: string | undefined, what: string, min = 0): number {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) > 0xffff_ffff || Number(text) < min) {
    throw IggyError.of('InvalidFormat', `${what} must be an integer >= ${min} (got ${text ?? 'nothing'})`);
  }
  return Number(text);
}

export function parseU64(text: string | undefined, what: string): bigint {
  if (text === undefined || !/^\d+$/.test(text) || BigInt(text) > U64_MAX) {
    throw IggyError.of('InvalidFormat', `${what} must be an unsigned integer (got ${text ?? 'nothing'})`);
  }
  return BigInt(text);
}

const DURATION_UNITS_US: Record<string, bigint> = {
  us: 1n, usec: 1n, ms: 1_000n, msec: 1_000n, s: 1_000_000n, sec: 1_000_000n, secs: 1_000_000n,
  m: 60_000_000n, min: 60_000_000n, mins: 60_000_000n, h: 3_600_000_000n, hr: 3_600_000_000n, hrs: 3_600_000_000n,
  d: 86_400_000_000n, day: 86_400_000_000n, days: 86_400_000_000n, w: 604_800_000_000n,
};

/** humantime-like "1h 30m" (several words joined) to µs. */
export function parseDurationUs(text: string, what: string): bigint {
  const parts = text.trim().match(/(\d+)\s*([a-z]+)/g);
  const rest = text.replace(/(\d+)\s*([a-z]+)/g, '').trim();
  if (parts === null || rest.length > 0) throw IggyError.of('InvalidFormat', `${what} "${text}" is not a duration like 1h 30m`);
  let total = 0n;
  for (const part of parts) {
    const [, count, unit] = /(\d+)\s*([a-z]+)/.exec(part)!;
    const scale = DURATION_UNITS_US[unit!];
    if (scale === undefined) throw IggyError.of('InvalidFormat', `${what}: unknown unit "${unit}"`);
    total += BigInt(count!) * scale;
  }
  return total;
}

/** Topic message expiry: 0n = server default, U64_MAX = never. */
export function parseExpiryUs(words: readonly string[]): bigint {
  const text = words.join(' ').trim();
  if (text === '' || text === 'server_default' || text === 'default') return 0n;
  if (text === 'never_expire' || text === 'never' || text === 'none' || text === 'unlimited') return U64_MAX;
  return parseDurationUs(text, 'message expiry');
}

const SIZE_UNITS: Record<string, bigint> = {
  b: 1n, kb: 1_000n, mb: 1_000_000n, gb: 1_000_000_000n, tb: 1_000_000_000_000n,
  kib: 1n << 10n, mib: 1n << 20n, gib: 1n << 30n, tib: 1n << 40n,
};

/** Topic max size: 0n = server default, U64_MAX = unlimited. */
export function parseSizeBytes(text: string | undefined): bigint {
  if (text === undefined || text === 'server_default') return 0n;
  if (text === 'unlimited' || text === 'none') return U64_MAX;
  const match = /^(\d+)\s*([a-zA-Z]*)$/.exec(text.trim());
  const unit = SIZE_UNITS[(match?.[2] ?? '').toLowerCase() || 'b'];
  if (match === null || unit === undefined) throw IggyError.of('InvalidFormat', `max topic size "${text}" is not a size like 10GiB`);
  return BigInt(match[1]!) * unit;
}

/** For display: "1.2 KiB", "unlimited". */
export function formatBytes(bytes: bigint): string {
  if (bytes === U64_MAX) return 'unlimited';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = Number(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(2)} ${units[unit]}`;
}

export function formatExpiry(us: bigint): string {
  if (us === U64_MAX || us === 0n) return us === 0n ? 'server_default' : 'never_expire';
  const seconds = us / 1_000_000n;
  return seconds * 1_000_000n === us ? `${seconds}s` : `${us}us`;
}

export function formatTimeUs(us: bigint): string {
  return new Date(Number(us / 1000n)).toISOString();
}

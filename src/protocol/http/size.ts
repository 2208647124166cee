// Byte sizes in Iggy's JSON (HTTP.md §1): the byte-unit crate's exact-unit
// strings, "<value> <unit>". The writer picks the unit as the server does; the
// reader accepts any such string or a plain integer, as the Rust SDK does.
import { IggyError } from '../../errors/iggy_error.js';

/** Largest first, by byte value. */
const UNITS: ReadonlyArray<readonly [string, bigint]> = [
  ['EiB', 1n << 60n], ['EB', 10n ** 18n], ['PiB', 1n << 50n], ['PB', 10n ** 15n],
  ['TiB', 1n << 40n], ['TB', 10n ** 12n], ['GiB', 1n << 30n], ['GB', 10n ** 9n],
  ['MiB', 1n << 20n], ['MB', 10n ** 6n], ['KiB', 1024n], ['KB', 1000n],
];
const UNIT_BY_NAME: ReadonlyMap<string, bigint> = new Map([...UNITS.map(([name, unit]) => [name.toLowerCase(), unit] as const), ['b', 1n]]);

/** `"<value> <unit>"`: the largest unit not above the value giving at most 3 decimals, else bytes. */
export function formatSize(bytes: bigint | number): string {
  const value = BigInt(bytes);
  for (const [name, unit] of UNITS) {
    if (unit > value || (value * 1000n) % unit !== 0n) continue;
    const thousandths = (value * 1000n) / unit;
    const whole = thousandths / 1000n;
    const fraction = (thousandths % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
    return fraction === '' ? `${whole} ${name}` : `${whole}.${fraction} ${name}`;
  }
  return `${value} B`;
}

const SIZE_TEXT = /^(\d+)(?:\.(\d{1,3}))?\s*([A-Za-z]+)?$/;

/** A size string (or integer) back to bytes; exact for everything formatSize writes. InvalidFormat (4) otherwise. */
export function parseSize(value: unknown, field: string): bigint {
  if (typeof value === 'bigint' && value >= 0n) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  const match = typeof value === 'string' ? SIZE_TEXT.exec(value.trim()) : null;
  const unit = match ? UNIT_BY_NAME.get((match[3] ?? 'b').toLowerCase()) : undefined;
  if (match === null || unit === undefined) throw IggyError.of('InvalidFormat', `${field}: ${JSON.stringify(value)} is not a byte size`);
  const fraction = (match[2] ?? '').padEnd(3, '0');
  return (BigInt(match[1]!) * 1000n + BigInt(fraction)) * unit / 1000n;
}

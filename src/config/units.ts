// Iggy's config value notation (STORAGE.md §6): sizes in byte-unit form
// ("1 GiB", "1 MB" decimal, "100 KB"), durations ("30 s", "1 m", "7 days"),
// and the sentinels "unlimited" / "none". Parsed once at start-up.

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12,
  kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4,
  k: 1e3, m: 1e6, g: 1e9,
};

/** Bytes, or Infinity for "unlimited"; null when the text is not a size. */
export function parseSize(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  if (text === 'unlimited' || text === 'none') return Infinity;
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/.exec(text);
  if (!m) return null;
  const unit = SIZE_UNITS[m[2] || 'b'];
  if (unit === undefined) return null;
  return Math.floor(Number(m[1]) * unit);
}

const DURATION_UNITS_US: Record<string, number> = {
  us: 1, µs: 1, ms: 1e3,
  s: 1e6, sec: 1e6, secs: 1e6, second: 1e6, seconds: 1e6,
  m: 60e6, min: 60e6, mins: 60e6, minute: 60e6, minutes: 60e6,
  h: 3600e6, hr: 3600e6, hour: 3600e6, hours: 3600e6,
  d: 86_400e6, day: 86_400e6, days: 86_400e6,
  w: 604_800e6, week: 604_800e6, weeks: 604_800e6,
};

/** Microseconds, or Infinity for "none"/"unlimited"; null when not a duration. "1 h 30 m" is allowed. */
export function parseDurationUs(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1e6 : null; // bare number = seconds
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  if (text === 'none' || text === 'unlimited' || text === 'never') return Infinity;
  if (text === '0') return 0;
  const parts = text.match(/\d+(?:\.\d+)?\s*[a-zµ]+/g);
  if (!parts || parts.join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) return null;
  let total = 0;
  for (const part of parts) {
    const m = /^(\d+(?:\.\d+)?)\s*([a-zµ]+)$/.exec(part)!;
    const unit = DURATION_UNITS_US[m[2]!];
    if (unit === undefined) return null;
    total += Number(m[1]) * unit;
  }
  return Math.round(total);
}

/** "host:port" or "[v6]:port" with port 0..65535. */
export function parseAddress(value: unknown): { host: string; port: number } | null {
  if (typeof value !== 'string') return null;
  const m = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(value.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port > 65535) return null;
  return { host: (m[1] ?? m[2])!, port };
}

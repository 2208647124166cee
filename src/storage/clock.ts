// Microsecond wall clock for message timestamps, created_at and token expiry.
// Date.now() has millisecond resolution; a high-resolution counter fills in
// the microseconds. The counter and the wall clock drift apart (NTP slews the
// wall clock, never the counter), so the result is kept inside the current
// wall-clock millisecond: re-anchored whenever it leaves it, and never earlier
// than the value returned before unless the wall clock itself went back.

let anchorUs = BigInt(Date.now()) * 1000n;
let anchorHr = process.hrtime.bigint();
let lastUs = 0n;

export function nowUs(): bigint {
  const hr = process.hrtime.bigint();
  const wallUs = BigInt(Date.now()) * 1000n;
  let us = anchorUs + (hr - anchorHr) / 1000n;
  if (us < wallUs || us >= wallUs + 1000n) {
    anchorUs = wallUs;
    anchorHr = hr;
    us = wallUs;
  }
  if (us < lastUs && lastUs < wallUs + 1000n) us = lastUs;
  lastUs = us;
  return us;
}

// Self-contained HTML view of a SessionResults: no scripts, no external
// assets, charts drawn as inline SVG (throughput over time, latency over
// time, latency percentiles per run), so the file can be attached anywhere.
import { formatCpu, formatMemory, type RunResult, type SessionResults, type TimelinePoint } from './report.js';

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const fmt = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

interface Series {
  name: string;
  points: Array<{ x: number; y: number }>;
}

/** A line chart with axes, ticks and a legend; y from 0 to the maximum. */
export function lineChartSvg(title: string, xLabel: string, yLabel: string, series: readonly Series[]): string {
  const width = 760;
  const height = 300;
  const left = 64;
  const right = 16;
  const top = 32;
  const bottom = 48;
  const all = series.flatMap((s) => s.points);
  const xMax = Math.max(1, ...all.map((p) => p.x));
  const yMax = Math.max(1e-9, ...all.map((p) => p.y)) * 1.1;
  const sx = (x: number) => left + (x / xMax) * (width - left - right);
  const sy = (y: number) => height - bottom - (y / yMax) * (height - top - bottom);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">`);
  parts.push(`<text x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${escapeHtml(title)}</text>`);
  for (let i = 0; i <= 5; i++) {
    const y = (yMax / 5) * i;
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${sy(y)}" y2="${sy(y)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${sy(y) + 4}" text-anchor="end" font-size="11">${fmt(y, y < 10 ? 2 : 0)}</text>`);
    const x = (xMax / 5) * i;
    parts.push(`<text x="${sx(x)}" y="${height - bottom + 16}" text-anchor="middle" font-size="11">${fmt(x, x < 10 ? 1 : 0)}</text>`);
  }
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}" stroke="#333"/>`);
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}" stroke="#333"/>`);
  parts.push(`<text x="${(left + width - right) / 2}" y="${height - 10}" text-anchor="middle" font-size="12">${escapeHtml(xLabel)}</text>`);
  parts.push(`<text x="14" y="${(top + height - bottom) / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 ${(top + height - bottom) / 2})">${escapeHtml(yLabel)}</text>`);
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    if (s.points.length > 0) {
      const d = s.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
      parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    }
    parts.push(`<rect x="${left + 10}" y="${top + 4 + i * 16}" width="10" height="10" fill="${color}"/>`);
    parts.push(`<text x="${left + 26}" y="${top + 13 + i * 16}" font-size="11">${escapeHtml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Grouped bars: one group per percentile, one bar per series. */
export function barChartSvg(title: string, yLabel: string, groups: readonly string[], series: ReadonlyArray<{ name: string; values: number[] }>): string {
  const width = 760;
  const height = 300;
  const left = 64;
  const right = 16;
  const top = 32;
  const bottom = 48;
  const yMax = Math.max(1e-9, ...series.flatMap((s) => s.values.filter(Number.isFinite))) * 1.1;
  const sy = (y: number) => height - bottom - (y / yMax) * (height - top - bottom);
  const groupWidth = (width - left - right) / Math.max(1, groups.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, series.length);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">`);
  parts.push(`<text x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${escapeHtml(title)}</text>`);
  for (let i = 0; i <= 5; i++) {
    const y = (yMax / 5) * i;
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${sy(y)}" y2="${sy(y)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${sy(y) + 4}" text-anchor="end" font-size="11">${fmt(y, y < 10 ? 2 : 0)}</text>`);
  }
  groups.forEach((group, g) => {
    const x0 = left + g * groupWidth + groupWidth * 0.1;
    parts.push(`<text x="${left + g * groupWidth + groupWidth / 2}" y="${height - bottom + 16}" text-anchor="middle" font-size="11">${escapeHtml(group)}</text>`);
    series.forEach((s, i) => {
      const value = s.values[g] ?? Number.NaN;
      if (!Number.isFinite(value)) return;
      const color = COLORS[i % COLORS.length]!;
      parts.push(
        `<rect x="${(x0 + i * barWidth).toFixed(1)}" y="${sy(value).toFixed(1)}" width="${(barWidth - 1).toFixed(1)}" height="${(height - bottom - sy(value)).toFixed(1)}" fill="${color}"><title>${escapeHtml(`${s.name} ${group}: ${fmt(value, 3)} ms`)}</title></rect>`,
      );
    });
  });
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}" stroke="#333"/>`);
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}" stroke="#333"/>`);
  parts.push(`<text x="14" y="${(top + height - bottom) / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 ${(top + height - bottom) / 2})">${escapeHtml(yLabel)}</text>`);
  series.forEach((s, i) => {
    parts.push(`<rect x="${left + 10}" y="${top + 4 + i * 16}" width="10" height="10" fill="${COLORS[i % COLORS.length]}"/>`);
    parts.push(`<text x="${left + 26}" y="${top + 13 + i * 16}" font-size="11">${escapeHtml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

function timelineSeries(runs: readonly RunResult[], pick: (p: TimelinePoint) => number | null): Series[] {
  const series: Series[] = [];
  for (const run of runs) {
    for (const [metric, points] of Object.entries(run.timeline)) {
      series.push({
        name: `${run.label} ${metric}`,
        points: points.flatMap((p) => {
          const y = pick(p);
          return y === null ? [] : [{ x: p.tMs / 1000, y }];
        }),
      });
    }
  }
  return series;
}

export function renderHtmlReport(session: SessionResults): string {
  const w = session.workload;
  const percentileNames = ['p50', 'p90', 'p95', 'p99', 'p999', 'max'];
  const latencySeries = session.runs.flatMap((run) =>
    Object.entries(run.aggregate).map(([metric, s]) => ({
      name: `${run.label} ${metric}`,
      values: [s.latency.p50Ms, s.latency.p90Ms, s.latency.p95Ms, s.latency.p99Ms, s.latency.p999Ms, s.latency.maxMs],
    })),
  );
  const rows = session.runs
    .flatMap((run) => [
      ...Object.entries(run.aggregate).map(
        ([metric, s]) =>
          `<tr><th>${escapeHtml(run.label)}</th><td>${metric}</td><td>${s.actors}</td><td>${fmt(s.mbPerSecond)}</td><td>${fmt(s.messagesPerSecond, 0)}</td>` +
          `<td>${fmt(s.latency.p50Ms, 3)}</td><td>${fmt(s.latency.p90Ms, 3)}</td><td>${fmt(s.latency.p95Ms, 3)}</td><td>${fmt(s.latency.p99Ms, 3)}</td><td>${fmt(s.latency.p999Ms, 3)}</td><td>${fmt(s.latency.maxMs, 3)}</td></tr>`,
      ),
      ...run.actors.map(
        (a) =>
          `<tr class="actor"><td>actor ${a.index + 1}</td><td>${a.role}</td><td>1</td><td>${fmt(a.mbPerSecond)}</td><td>${fmt(a.messagesPerSecond, 0)}</td>` +
          `<td>${fmt(a.latency.p50Ms, 3)}</td><td>${fmt(a.latency.p90Ms, 3)}</td><td>${fmt(a.latency.p95Ms, 3)}</td><td>${fmt(a.latency.p99Ms, 3)}</td><td>${fmt(a.latency.p999Ms, 3)}</td><td>${fmt(a.latency.maxMs, 3)}</td></tr>`,
      ),
    ])
    .join('\n');
  const stats = session.runs
    .map((run) => {
      const b = run.statsBefore;
      const a = run.statsAfter;
      if (b === null || a === null) return `<li>${escapeHtml(run.label)}: no server stats${run.statsError ? ` (${escapeHtml(run.statsError)})` : ''}</li>`;
      return `<li>${escapeHtml(run.label)}: server ${escapeHtml(a.serverVersion)} (pid ${a.processId}); messages ${b.messagesCount} → ${a.messagesCount}; stored ${fmt(b.messagesSizeBytes / 1e6)} → ${fmt(a.messagesSizeBytes / 1e6)} MB; memory ${fmt(a.memoryUsageBytes / 1e6, 0)} MB; cpu ${fmt(a.cpuUsage, 1)}%</li>`;
    })
    .join('\n');
  // Runs read from a results JSON of format 1 written before CPU was measured have neither field.
  const usage = session.runs
    .map((run) => {
      const memory = session.workload.durationMs !== undefined && run.memory !== undefined ? `; server memory ${escapeHtml(formatMemory(run.memory))}` : '';
      return run.cpu === undefined ? '' : `<li>${escapeHtml(run.label)}: ${escapeHtml(formatCpu(run.cpu))}${memory}</li>`;
    })
    .join('\n');
  const ratios = session.ratios
    .map((r) => `<li>${escapeHtml(r.run)} / ${escapeHtml(r.against)} (${r.metric}): throughput ${fmt(r.mbPerSecondRatio, 3)}×, p50 ${fmt(r.p50Ratio, 2)}×, p99 ${fmt(r.p99Ratio, 2)}×</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>iggy-ts bench: ${escapeHtml(w.kind)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}
th:first-child,td:first-child{text-align:left}
tr.actor{color:#666;font-size:.9em}
code{background:#f4f4f4;padding:.1em .3em}
</style></head><body>
<h1>iggy-ts bench: ${escapeHtml(w.kind)}</h1>
<p><code>${escapeHtml(session.command)}</code></p>
<p>${w.producers} producer(s), ${w.consumers} consumer(s), ${w.streams} stream(s) × ${w.partitions} partition(s); ${w.durationMs === undefined ? `${w.messageBatches} batches` : `${fmt(w.durationMs / 1000, 0)} s of batches`} × ${w.messagesPerBatch} messages × ${w.messageSizeBytes} B per actor, ${w.inFlight} in flight per producer;
warm-up ${w.warmupMs} ms; ${w.rateLimitBytesPerSecond === undefined ? 'no rate limit' : `rate limit ${w.rateLimitBytesPerSecond} B/s`}; actors in ${w.actors === 'worker' ? 'worker threads' : 'the main thread'}.
Machine: ${session.machine.cpus} × ${escapeHtml(session.machine.cpuModel)}, ${fmt(session.machine.totalMemoryBytes / 1e9, 1)} GB, Node ${escapeHtml(session.machine.node)}, 1-minute load average ${fmt(session.machine.loadAverageStart)} at the start and ${fmt(session.machine.loadAverageEnd)} at the end.
Started ${escapeHtml(session.startedAt)}, finished ${escapeHtml(session.finishedAt)}.</p>
<p>MB = 10<sup>6</sup> bytes of message payload. Latency is per batch request (send: write to ack; poll: write to full response; round trip: send plus the polls that brought the batch back).</p>
<table><thead><tr><th>run</th><th>metric</th><th>actors</th><th>MB/s</th><th>msg/s</th><th>p50 ms</th><th>p90 ms</th><th>p95 ms</th><th>p99 ms</th><th>p999 ms</th><th>max ms</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${
  w.rounds > 1
    ? `<h2>Medians over ${w.rounds} interleaved rounds</h2><table><thead><tr><th>target</th><th>metric</th><th>MB/s</th><th>MB/s min..max</th><th>msg/s</th><th>p50 ms</th><th>p99 ms</th></tr></thead><tbody>${session.medians
        .map(
          (m) =>
            `<tr><th>${escapeHtml(m.label)}</th><td>${m.metric}</td><td>${fmt(m.mbPerSecond)}</td><td>${fmt(m.mbPerSecondMin)}..${fmt(m.mbPerSecondMax)}</td><td>${fmt(m.messagesPerSecond, 0)}</td><td>${fmt(m.p50Ms, 3)}</td><td>${fmt(m.p99Ms, 3)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : ''
}
${ratios === '' ? '' : `<h2>Ratios (of medians)</h2><ul>${ratios}</ul>`}
<h2>Throughput over time</h2>
${lineChartSvg('Throughput', 'seconds since start', 'MB/s', timelineSeries(session.runs, (p) => p.mbPerSecond))}
<h2>Latency</h2>
${barChartSvg('Batch latency percentiles', 'ms', percentileNames, latencySeries)}
${lineChartSvg('Average batch latency over time', 'seconds since start', 'ms', timelineSeries(session.runs, (p) => p.avgLatencyMs))}
<h2>CPU (and memory of a duration run)</h2>
<ul>${usage}</ul>
<h2>Server stats (GetStats)</h2>
<ul>${stats}</ul>
</body></html>
`;
}

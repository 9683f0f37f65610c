// What a client bench case reports and how it is printed: rows of samples (one per run, or many per run,
// e.g. one per key) summed up as median and p95 (nearest rank), or single values, with an optional target
// that is judged on a named statistic. The same Markdown goes to the terminal and into BENCHMARKS.md.

export interface Target {
  /** Human-readable, e.g. "< 1 s". */
  text: string;
  /** Largest value that still meets it. */
  max: number;
  /** Which statistic is judged (default p95 for samples, the value for single values). */
  on?: 'median' | 'p95' | 'value';
}

export interface Row {
  metric: string;
  /** CPU slowdown the row was measured at (1 = none); undefined where it does not apply. */
  throttle?: number;
  unit: string;
  digits?: number;
  /** Many samples (median and p95 printed) … */
  samples?: number[];
  /** … or one value. */
  value?: number;
  /** How many runs the samples come from (printed; defaults to the number of samples). */
  runs?: number;
  target?: Target;
}

export interface CaseReport {
  id: string;
  title: string;
  rows: Row[];
  notes: string[];
  seconds: number;
}

/** Nearest-rank percentile of `values` (NaN when empty). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function summary(row: Row): { median: number; p95: number; value: number } {
  if (row.samples) {
    const median = percentile(row.samples, 0.5);
    return { median, p95: percentile(row.samples, 0.95), value: median };
  }
  const v = row.value ?? NaN;
  return { median: v, p95: v, value: v };
}

/** true / false against the target, undefined without one or without data. */
export function judge(row: Row): boolean | undefined {
  if (!row.target) return undefined;
  const s = summary(row);
  const on = row.target.on ?? (row.samples ? 'p95' : 'value');
  const v = s[on];
  return Number.isFinite(v) ? v <= row.target.max : undefined;
}

function fmt(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function renderCase(report: CaseReport): string {
  const lines = [
    `### ${report.title} (\`--case ${report.id}\`, ${report.seconds.toFixed(0)} s)`,
    '',
    '| metric | CPU | runs | median | p95 | target | verdict |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |'
  ];
  for (const row of report.rows) {
    const d = row.digits ?? 0;
    const unit = row.unit ? ` ${row.unit}` : '';
    const s = summary(row);
    const runs = row.runs ?? row.samples?.length ?? 1;
    const verdict = judge(row);
    const on = row.target ? ` (${row.target.on ?? (row.samples ? 'p95' : 'value')})` : '';
    lines.push(
      `| ${row.metric} | ${row.throttle ? `${row.throttle}×` : ''} | ${runs} | ${fmt(s.median, d)}${unit} | ${
        row.samples ? `${fmt(s.p95, d)}${unit}` : ''
      } | ${row.target ? `${row.target.text}${on}` : ''} | ${
        verdict === undefined ? '' : verdict ? 'met' : '**missed**'
      } |`
    );
  }
  if (report.notes.length > 0) lines.push('', ...report.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

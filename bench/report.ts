// What a bench case reports and how it is printed: rows of (metric, ours, reference, target, verdict),
// rendered as one Markdown table with the ratio ours / reference, so the same text goes to the terminal
// and into BENCHMARKS.md. A case may rename the two value columns (redis-2x compares two runs of ours)
// or report that it was skipped, and why.

export interface Row {
  metric: string;
  ours: number | null;
  reference: number | null;
  unit: string;
  digits?: number;
  /** Human-readable target, e.g. "≤ 30 ms". */
  target?: string;
  /** Whether ours meets the target; undefined when there is no target or nothing to judge. */
  met?: boolean;
}

export interface CaseReport {
  id: string;
  title: string;
  rows: Row[];
  notes: string[];
  seconds: number;
  /** Headings of the value and ratio columns instead of "ours", "reference" and "ours / ref". */
  columns?: [string, string, string];
  /** Why the case did not run (e.g. a service it needs is unreachable): printed instead of the table. */
  skipped?: string;
}

export interface CaseContext {
  quick: boolean;
  seed: number;
  log(message: string): void;
}

export type Case = (ctx: CaseContext) => Promise<CaseReport>;

export const MiB = (kib: number): number => kib / 1024;

function fmt(value: number | null, digits: number): string {
  if (value === null) return '–';
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ratio(row: Row): string {
  if (row.ours === null || row.reference === null || row.reference === 0) return '–';
  if (!Number.isFinite(row.ours) || !Number.isFinite(row.reference)) return '–';
  return `${(row.ours / row.reference).toFixed(2)}×`;
}

/** Verdict text for a row: "met", "**missed**" or empty. */
function verdict(row: Row): string {
  if (row.met === undefined) return '';
  return row.met ? 'met' : '**missed**';
}

export function renderCase(report: CaseReport): string {
  const heading = `### ${report.title} (\`--case ${report.id}\`, ${report.seconds.toFixed(0)} s)`;
  if (report.skipped !== undefined) {
    return [heading, '', `**skipped:** ${report.skipped}`, ...report.notes.map((n) => `- ${n}`)].join('\n');
  }
  const [first, second, ratioHeading] = report.columns ?? ['ours', 'reference', 'ours / ref'];
  const lines = [
    heading,
    '',
    `| metric | ${first} | ${second} | ${ratioHeading} | target | verdict |`,
    '| --- | ---: | ---: | ---: | --- | --- |'
  ];
  for (const row of report.rows) {
    const d = row.digits ?? 1;
    const unit = row.unit ? ` ${row.unit}` : '';
    lines.push(
      `| ${row.metric} | ${fmt(row.ours, d)}${row.ours === null ? '' : unit} | ${fmt(row.reference, d)}${
        row.reference === null ? '' : unit
      } | ${ratio(row)} | ${row.target ?? ''} | ${verdict(row)} |`
    );
  }
  if (report.notes.length > 0) lines.push('', ...report.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

// The colour tokens of the design note (src/lib/ui/README.md) hold what it promises: every text colour on
// the surfaces it is used on meets WCAG AA (4.5:1; 3:1 for large text and controls' borders), the
// projector tokens meet AAA (7:1), and the ratios printed in the note are the real ones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync('src/lib/ui/shared/global.css', 'utf8');
const note = readFileSync('src/lib/ui/README.md', 'utf8');

function tokens(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf('\n}', start));
  return Object.fromEntries(
    [...block.matchAll(/(--c-[\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!])
  );
}

const root = tokens(':root');
const projector = { ...root, ...tokens('.projector') };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** [foreground token, background token, minimum ratio]: each pair the stylesheet actually uses. */
const PAIRS: [string, string, number][] = [
  ['--c-text', '--c-bg', 4.5],
  ['--c-text', '--c-surface', 4.5],
  ['--c-muted', '--c-bg', 4.5],
  ['--c-muted', '--c-surface', 4.5],
  ['--c-primary', '--c-bg', 4.5],
  ['--c-primary', '--c-surface', 4.5],
  ['--c-primary', '--c-primary-soft', 4.5],
  ['--c-on-primary', '--c-primary', 4.5],
  ['--c-on-primary', '--c-primary-hover', 4.5],
  ['--c-on-primary', '--c-danger', 4.5],
  ['--c-danger', '--c-surface', 4.5],
  ['--c-danger', '--c-danger-soft', 4.5],
  ['--c-text', '--c-warn-soft', 4.5],
  ['--c-warn', '--c-warn-soft', 4.5],
  ['--c-text', '--c-info-soft', 4.5],
  ['--c-text', '--c-ok-soft', 4.5],
  ['--c-focus', '--c-bg', 3],
  ['--c-focus', '--c-surface', 3],
  ['--c-border', '--c-surface', 3]
];
const PROJECTOR_PAIRS: [string, string, number][] = [
  ['--c-text', '--c-bg', 7],
  ['--c-muted', '--c-bg', 7],
  ['--c-primary', '--c-bg', 7],
  ['--c-on-primary', '--c-primary', 7]
];

/** The ratio the note prints for a pair, e.g. `| --c-text | --c-bg | 16.9 | AA |`. */
function printed(fg: string, bg: string, scope: string): number | null {
  for (const line of note.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells[1] === scope && cells[2] === `\`${fg}\`` && cells[3] === `\`${bg}\``) return Number(cells[4]);
  }
  return null;
}

describe('colour tokens', () => {
  it.each(PAIRS)('%s on %s reaches %s:1, as the note says', (fg, bg, min) => {
    const ratio = contrast(root[fg]!, root[bg]!);
    expect(ratio).toBeGreaterThanOrEqual(min);
    expect(printed(fg, bg, 'app')).toBeCloseTo(ratio, 1);
  });

  it.each(PROJECTOR_PAIRS)('projector: %s on %s reaches AAA, as the note says', (fg, bg, min) => {
    const ratio = contrast(projector[fg]!, projector[bg]!);
    expect(ratio).toBeGreaterThanOrEqual(min);
    expect(printed(fg, bg, 'projector')).toBeCloseTo(ratio, 1);
  });

  it('computes WCAG ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});

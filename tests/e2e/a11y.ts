// Accessibility and language checks for one screen as it is on a page now: axe-core (WCAG 2.2 A/AA rules
// and best practices) must find no serious or critical violation, and a page shown in English must not
// show a German UI text. `checkScreen(page, 'share dialog')` is all a new screen needs.
import { mkdirSync, readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

type Catalogue = Record<string, unknown>;
const catalogue = (locale: string): Catalogue =>
  JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Catalogue;

const textsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap((v: { match?: Record<string, string> }) => Object.values(v.match ?? {}))
      : [];

/**
 * The German UI fragments that must not appear on an English page: each German message cut at its
 * placeholders, pieces of at least 8 characters that the English catalogue does not contain too.
 */
export const GERMAN_FRAGMENTS: string[] = (() => {
  const de = catalogue('de');
  const en = catalogue('en');
  const english = Object.values(en).flatMap(textsOf).join('\n');
  const out = new Set<string>();
  for (const [key, value] of Object.entries(de)) {
    if (key === '$schema') continue;
    for (const text of textsOf(value)) {
      for (const piece of text.split(/\{\w+\}/)) {
        const p = piece.trim();
        if (p.length >= 8 && !english.includes(p)) out.add(p);
      }
    }
  }
  return [...out];
})();

export interface ScreenCheck {
  /** English page: fail on German UI text too. */
  english?: boolean;
  /** CSS selectors axe should skip (e.g. a third-party canvas), with a reason in the caller. */
  exclude?: string[];
  /**
   * Text contrast must reach AAA (7:1, 4.5:1 for large text), for washed-out projectors. By default on every
   * projector screen, told by its `.projector` root (the class that switches to the beamer colours).
   */
  beamer?: boolean;
}

export async function checkScreen(page: Page, screen: string, options: ScreenCheck = {}): Promise<void> {
  const problems: string[] = [];
  // Only violations are read: axe then skips collecting passes and inapplicable rules (much faster).
  // Legacy mode runs axe in the page itself; the default (runPartial per frame, then finishRun in a new
  // blank page with axe injected again) exists for cross-origin iframes, which the app has none of, and
  // took three times as long per screen (~1.2 s vs ~0.4 s on the conference page).
  let builder = new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const result = await builder.analyze();
  if (options.beamer ?? (await page.locator('.projector').count()) > 0) {
    let enhanced = new AxeBuilder({ page })
      .setLegacyMode(true)
      .options({ resultTypes: ['violations'] })
      .withRules(['color-contrast-enhanced']);
    for (const selector of options.exclude ?? []) enhanced = enhanced.exclude(selector);
    // axe rates a missed AAA contrast "serious" like the AA one: it fails the check below.
    result.violations.push(...(await enhanced.analyze()).violations);
  }
  for (const v of result.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    const where = v.nodes
      .slice(0, 3)
      .map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`)
      .join('\n      ');
    problems.push(`${v.impact} ${v.id} (${v.help}), ${v.nodes.length}×\n      ${where}`);
  }
  if (options.english) {
    const shown = await page.evaluate(() => {
      const attrs = [...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')].flatMap((el) =>
        ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? '')
      );
      return [document.title, document.body.innerText, ...attrs].join('\n');
    });
    for (const fragment of GERMAN_FRAGMENTS) {
      if (shown.includes(fragment)) problems.push(`German text on an English page: „${fragment}“`);
    }
    const lang = await page.evaluate(() => document.documentElement.lang);
    if (lang !== 'en') problems.push(`<html lang="${lang}"> on an English page`);
  }
  if (problems.length > 0) {
    const size = page.viewportSize();
    throw new Error(
      `${screen} (${size?.width}×${size?.height}${options.english ? ', English' : ''}):\n  ${problems.join('\n  ')}`
    );
  }
}

const SHOTS = process.env.SCREENSHOTS === '1' ? 'tests/e2e/screenshots' : null;

/** Checks a screen (checkScreen, German); with SCREENSHOTS=1 also saves it as tests/e2e/screenshots/<name>.png. */
export async function checkAndShoot(page: Page, name: string): Promise<void> {
  await checkScreen(page, name);
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

// `npm run room -- report <link> --out report.pdf`: the Ergebnisdokumentation as a PDF, made by the app
// itself in Chromium (playwright-core, Debian's /usr/bin/chromium or CHROMIUM_PATH). Chromium opens the
// relay's join link like a device (a fresh profile: nothing is kept), waits until the conference synced,
// opens the report page and prints it (A4, the page's own @page rules). A client of the relay like any
// device: a facilitator's link gives the contact list, any other link a report without it.
// Exit codes: 0 written, 1 no Chromium or no conference, 2 usage.

import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { parseJoinInput } from '../src/lib/model';

const USAGE = 'Usage: room report <link> [--out report.pdf]';
const TIMEOUT_MS = Number(process.env.ROOM_CLIENT_TIMEOUT_MS ?? 60_000);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Waits until every document of the open conference synced with the relay (saved counts too). */
async function synced(page: Page, timeout: number): Promise<void> {
  await page
    .locator('[data-testid="connection-status"]:is([data-status="synced"], [data-status="saved"])')
    .first()
    .waitFor({ timeout });
}

/**
 * Joins through `link` on `page`, waits for the conference to sync, makes the report anew and prints it
 * to PDF (A4). Returns the PDF's bytes. Used by the command line and the end-to-end test.
 */
export async function reportPdf(page: Page, link: string, timeout = TIMEOUT_MS): Promise<Buffer> {
  const parsed = parseJoinInput(link);
  if (!parsed.ok) throw new Error(`not a join link (${parsed.error})`);
  const origin = new URL(link.trim());
  const base = origin.pathname.replace(/\/join\/.*$/, '');
  const conference = `${origin.origin}${base}/c/${parsed.value.roomId}`;
  await page.goto(link.trim());
  await page.getByTestId('join-form').or(page.getByTestId('join-invalid')).first().waitFor({ timeout });
  if ((await page.getByTestId('join-invalid').count()) > 0) throw new Error('the relay refused the link');
  await page.getByTestId('join-form').locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === new URL(conference).pathname, { timeout });
  await synced(page, timeout);
  await page.goto(`${conference}/bericht`);
  await page.getByTestId('report').waitFor({ timeout });
  await synced(page, timeout);
  // Made again now that everything arrived (the first one may predate the last sync).
  const before = await page.getByTestId('report').getAttribute('data-made-at');
  await page.getByTestId('report-remake').click();
  await page.waitForFunction(
    (prev) => {
      const el = document.querySelector('[data-testid="report"]');
      return el !== null && el.getAttribute('data-made-at') !== prev;
    },
    before,
    { timeout }
  );
  await page.evaluate(() => document.fonts.ready);
  return page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: process.argv.slice(3),
      options: { out: { type: 'string', default: 'report.pdf' } },
      allowPositionals: true
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [link] = args.positionals;
  if (!link || args.positionals.length > 1 || !parseJoinInput(link).ok) {
    console.error(USAGE);
    return 2;
  }
  if (!fs.existsSync(CHROMIUM)) {
    console.error(
      `Chromium is not installed at ${CHROMIUM}: install it (Debian: apt-get install chromium) or set ` +
        'CHROMIUM_PATH. Without it, open the report in the app (Bericht → „Als PDF speichern“).'
    );
    return 1;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync']
  });
  try {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const pdf = await reportPdf(page, link);
    fs.writeFileSync(args.values.out, pdf);
    console.log(`report written: ${args.values.out} (${Math.round(pdf.length / 1024)} KB)`);
    return 0;
  } catch (e) {
    console.error(`no report: ${(e as Error).message.split('\n')[0]}`);
    return 1;
  } finally {
    await browser.close();
  }
}

if (process.argv[2] === 'report') process.exitCode = await main();

// `npm run bench:lighthouse`: Lighthouse 12 (the last line that runs on Node 20) on its default mobile
// profile (simulated Moto G Power: 4× CPU slowdown, slow 4G) against the app as the relay serves it
// (precompressed, a real conference behind it), through Debian's Chromium (chrome-launcher). Audits the
// start page and a participant's join link. Lighthouse 12 has no PWA category any more, so installability
// is checked here through DevTools (Page.getInstallabilityErrors, the manifest and its icons, a service
// worker controlling the page on its second load). Not part of CI (about a minute); results go to
// bench/results/lighthouse.md and .json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { buildRelay } from '../../scripts/build-relay.js';
import { CHROMIUM_PATH, PHONE } from '../../tests/e2e/browser';
import { ROOT } from '../processes';
import { waitForServiceWorker } from './page';
import { seedConference } from './seed';
import { startWorld } from './world';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index'
];

interface Audit {
  url: string;
  label: string;
  scores: Record<string, number>;
  metrics: Record<string, string>;
  /** Where the main thread went (Lighthouse's mainthread-work-breakdown and bootup-time, top entries). */
  work: string;
}

async function audit(url: string, label: string): Promise<Audit> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run']
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES]
    });
    if (!result) throw new Error(`no Lighthouse result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
    const scores: Record<string, number> = {};
    for (const c of CATEGORIES) scores[c] = Math.round((lhr.categories[c]?.score ?? NaN) * 100);
    const metrics: Record<string, string> = {};
    for (const id of METRICS) metrics[id] = lhr.audits[id]?.displayValue ?? '–';
    const items = (id: string) =>
      ((lhr.audits[id]?.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []).slice(
        0,
        4
      );
    const breakdown = items('mainthread-work-breakdown')
      .map((i) => `${String(i.groupLabel)} ${Math.round(Number(i.duration))} ms`)
      .join(', ');
    const bootup = items('bootup-time')
      .map((i) => `${String(i.url).replace(/^https?:\/\/[^/]+/, '')} ${Math.round(Number(i.total))} ms`)
      .join(', ');
    return { url, label, scores, metrics, work: `main thread: ${breakdown}; scripts: ${bootup}` };
  } finally {
    chrome.kill();
  }
}

/**
 * What Chromium itself says about installing the app, after a visit and a reload (worker in control), in
 * a persistent profile (an incognito context is never installable).
 */
async function installability(url: string): Promise<string[]> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'slt-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    ...PHONE
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await page.goto(url);
    await waitForServiceWorker(page);
    await page.reload();
    return await installNotes(page, cdp);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

async function installNotes(page: Page, cdp: CDPSession): Promise<string[]> {
  const notes: string[] = [];
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  notes.push(
    installabilityErrors.length === 0
      ? 'Chromium: installable (Page.getInstallabilityErrors is empty)'
      : `Chromium: NOT installable: ${installabilityErrors.map((e) => e.errorId).join(', ')}`
  );
  const manifest = await cdp.send('Page.getAppManifest');
  const parsed = JSON.parse(manifest.data ?? '{}') as {
    name?: string;
    display?: string;
    start_url?: string;
    icons?: { sizes?: string; purpose?: string }[];
  };
  const sizes = (parsed.icons ?? []).map((i) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`);
  notes.push(
    `manifest: name "${parsed.name}", display ${parsed.display}, start_url ${parsed.start_url}, icons ${sizes.join(', ')}` +
      `${manifest.errors.length > 0 ? `; errors: ${manifest.errors.map((e) => e.message).join('; ')}` : ''}`
  );
  const controller = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);
  notes.push(`service worker controlling the page after a reload: ${controller ?? 'none'}`);
  return notes;
}

async function main(): Promise<void> {
  await buildRelay();
  if (!fs.existsSync(path.join(ROOT, 'build/index.html'))) throw new Error('no build/: run npm run build');
  const world = await startWorld();
  try {
    const conf = await seedConference(world, 'Mitmach-Konferenz Leuchtturm', [
      { title: 'Bürgerenergie', question: 'Wie erzeugen wir Strom gemeinsam?', ideas: 30 },
      { title: 'Mobilität', question: 'Wie kommen alle ohne Auto hin?', ideas: 30 }
    ]);
    conf.close();
    const audits = [
      await audit(`${world.baseUrl}/`, 'start page'),
      await audit(world.joinLink(conf.room), 'join link (participant, first visit)')
    ];
    const install = await installability(`${world.baseUrl}/`);
    const lines = [
      `## Lighthouse 12.8 (mobile profile), run of ${new Date().toISOString()}`,
      '',
      `| page | ${CATEGORIES.join(' | ')} | ${METRICS.join(' | ')} |`,
      `| --- | ${CATEGORIES.map(() => '---:').join(' | ')} | ${METRICS.map(() => '---:').join(' | ')} |`,
      ...audits.map(
        (a) =>
          `| ${a.label} | ${CATEGORIES.map((c) => a.scores[c]).join(' | ')} | ${METRICS.map((m) => a.metrics[m]).join(' | ')} |`
      ),
      '',
      ...audits.map((a) => `- ${a.label}: ${a.work}`),
      ...install.map((n) => `- ${n}`)
    ];
    const text = lines.join('\n');
    process.stdout.write(`${text}\n`);
    const dir = path.join(ROOT, 'bench/results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'lighthouse.md'), `${text}\n`);
    fs.writeFileSync(path.join(dir, 'lighthouse.json'), JSON.stringify({ audits, install }, null, 2));
    const low = audits.filter((a) => a.scores.performance! < 95);
    if (low.length > 0) process.stderr.write(`performance below 95: ${low.map((a) => a.label).join(', ')}\n`);
  } finally {
    await world.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
);

// Helpers the client bench cases share on top of the in-page probe (probe.js): watch for a screen to be
// usable (armed now, or across the next navigation), wait for the painted frame, join a conference as a
// participant, wait for the service worker, read the JS heap after a garbage collection, record a CPU
// profile of a step.
import fs from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { joinThroughLink, serviceWorkerState } from '../../tests/e2e/flows';
import { ROOT } from '../processes';
import { seedConference, type SeededConference } from './seed';
import type { Phone, World } from './world';

export interface Spec {
  selector?: string;
  min?: number;
  text?: string;
}

export interface Mark {
  /** performance.now() in the page when every spec first held … */
  found: number;
  /** … and when the frame showing it was painted. */
  painted: number;
  /** painted as wall-clock ms (the page's timeOrigin + painted), comparable with seed.ts' wallNow(). */
  wallPainted: number;
}

/** The conference page is usable: its title and at least one table to open. */
export const conferenceReady = (title: string): Spec[] => [
  { selector: 'h1', text: title },
  { selector: '[data-testid="table-list"] a' }
];

/** A table page is usable: its title and the first ideas on screen. */
export const tableReady = (title: string): Spec[] => [
  { selector: 'h1', text: title },
  { selector: '[data-testid="idea-list"] :is(li, [role="listitem"])' }
];

/** Watches for `specs` from now on. */
export async function arm(page: Page, name: string, specs: Spec[]): Promise<void> {
  await page.evaluate(([n, s]) => window.__bench.arm(n, s), [name, specs] as const);
}

/** Watches for `specs` from the start of the next document of this tab (same origin). */
export async function armNext(page: Page, name: string, specs: Spec[]): Promise<void> {
  await page.evaluate(
    ([n, s]) => sessionStorage.setItem('__bench_arm', JSON.stringify([{ name: n, all: s }])),
    [name, specs] as const
  );
}

export async function waitMark(page: Page, name: string, timeoutMs = 60_000): Promise<Mark> {
  const handle = await page.waitForFunction((n) => window.__bench?.marks[n], name, {
    polling: 50,
    timeout: timeoutMs
  });
  return (await handle.jsonValue()) as Mark;
}

/** Joins `conf` through its participant link as "Bench" and waits for the conference page. */
export async function joinAsParticipant(world: World, phone: Phone, conf: SeededConference): Promise<void> {
  await joinThroughLink(phone.page, world.joinLink(conf.room), conf.title, 'Bench');
  await phone.page.locator('[data-testid="table-list"] a').first().waitFor();
}

/** Resolves once this page's service worker is activated (it installs from the first visit). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  const state = await serviceWorkerState(page, 30_000);
  if (state !== 'activated') throw new Error(`service worker: ${state}`);
}

/**
 * A fresh phone on a table of `ideas` ideas (seeded through the relay, the only table of a new conference):
 * joined as a participant, the service worker active, the table page showing all ideas and saved.
 */
export async function phoneOnBigTable(
  world: World,
  label: string,
  title: string,
  ideas: number
): Promise<{ conf: SeededConference; phone: Phone; tableUrl: string }> {
  const conf = await seedConference(world, title, [
    { title: 'Ortskern beleben', question: 'Was braucht die Ortsmitte?', ideas }
  ]);
  conf.close();
  const phone = await world.newPhone(label);
  await joinAsParticipant(world, phone, conf);
  await waitForServiceWorker(phone.page);
  const tableUrl = `${world.baseUrl}/c/${conf.room.roomId}/t/${conf.tables[0]!.id}`;
  await phone.page.goto(tableUrl);
  await phone.page
    .getByRole('heading', { level: 2, name: new RegExp(`\\(${ideas}\\)`) })
    .waitFor({ timeout: 120_000 });
  await phone.page
    .locator('[data-testid="connection-status"][data-status="saved"]')
    .waitFor({ timeout: 60_000 });
  return { conf, phone, tableUrl };
}

/** JS heap in use after a full garbage collection, in bytes. */
export async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/** The page's DOM node count and JS event listeners (Performance.getMetrics). */
export async function domCounts(cdp: CDPSession): Promise<{ nodes: number; listeners: number }> {
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return { nodes: get('Nodes'), listeners: get('JSEventListeners') };
}

/** Runs `step` under the DevTools CPU profiler when `on`, writing bench/results/profiles/<name>.cpuprofile. */
export async function profiled<T>(
  cdp: CDPSession,
  on: boolean,
  name: string,
  step: () => Promise<T>
): Promise<T> {
  if (!on) return step();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    return await step();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    const dir = path.join(ROOT, 'bench/results/profiles');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  }
}

/** Milliseconds a fixed piece of work takes in the page: proves the CPU slowdown is in force. */
export async function calibrate(page: Page): Promise<number> {
  return page.evaluate(() => {
    const start = performance.now();
    let x = 0;
    for (let i = 0; i < 5_000_000; i++) x = (x + i * 7) % 1_000_003;
    return performance.now() - start + (x < 0 ? 1 : 0);
  });
}

declare global {
  interface Window {
    __bench: {
      marks: Record<string, Mark>;
      keys: number[];
      lastClick: number;
      arm(name: string, all: Spec[]): void;
      clear(): void;
    };
  }
}

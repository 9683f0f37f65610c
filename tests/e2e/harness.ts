// The world one e2e test file runs in: the built app served by the real relay (in-process, on a free port,
// with its own temp DATA_DIR that survives a restart on the same port), Debian's Chromium, browser
// contexts as devices (laptop or phone, German), and a watch over every page's uncaught errors and
// console errors that fails the test unless a file allowed a message with a stated reason.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { makeTempDir, startTestRelay, type TestRelay } from '../helpers/relay';
import { LAPTOP, PHONE, launchChromium } from './browser';

/** The built app; E2E_BUILD_DIR points the tests at another build (e.g. one made from a patched copy). */
export const BUILD_DIR = path.resolve(process.env.E2E_BUILD_DIR ?? 'build');

export type DeviceKind = 'laptop' | 'phone';

export interface Device {
  context: BrowserContext;
  page: Page;
}

/** One allowed kind of console error and why it is expected (the reason is printed if it is missing). */
export interface Allowance {
  pattern: RegExp;
  reason: string;
}

/** Collects `pageerror` events and console errors of every page of every watched context. */
export class ConsoleWatch {
  readonly problems: string[] = [];
  /** The reason of each allowed message seen, in order. */
  readonly allowedSeen: string[] = [];
  #allowed: Allowance[] = [];

  allow(...allowances: Allowance[]): void {
    this.#allowed.push(...allowances);
  }

  attach(context: BrowserContext, label: string): void {
    const watchPage = (page: Page) => {
      page.on('pageerror', (error) => this.#record(`${label} pageerror: ${error.message}`, false));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // "Failed to load resource" names no address: add where it came from, so a failure says which request.
        const where = message.location().url;
        const text = message.text();
        this.#record(
          `${label} console.error: ${text}${where && !text.includes(where) ? ` (${where})` : ''}`,
          true
        );
      });
    };
    context.pages().forEach(watchPage);
    context.on('page', watchPage);
  }

  /** Throws when an error that no allowance covers was seen since the last call. */
  assertClean(): void {
    const found = this.problems.splice(0);
    if (found.length > 0) throw new Error(`browser errors:\n  ${found.join('\n  ')}`);
  }

  #record(text: string, allowable: boolean): void {
    // Uncaught exceptions are never benign; only browser-generated console errors can be allowed.
    const allowance = allowable ? this.#allowed.find((a) => a.pattern.test(text)) : undefined;
    if (allowance) this.allowedSeen.push(allowance.reason);
    else this.problems.push(text);
  }
}

/** Browser-generated messages that tests which stop the relay or go offline expect to see. */
export const OFFLINE_NOISE: Allowance[] = [
  {
    // Chromium itself logs every failed WebSocket handshake; y-websocket retries while the relay is down.
    pattern: /WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/sync\/[^']*' failed/,
    reason: 'reconnect attempts while the relay is stopped or the device is offline'
  },
  {
    // Chromium logs failed fetches (the access check, the room registration) with the network error.
    pattern: /Failed to load resource: net::ERR_(INTERNET_DISCONNECTED|CONNECTION_REFUSED|CONNECTION_RESET)/,
    reason: 'requests to the relay while it is stopped or the device is offline'
  }
];

export interface World {
  browser: Browser;
  relay: TestRelay;
  /** http://127.0.0.1:<port>, stable across restarts. */
  baseUrl: string;
  port: number;
  dataDir: string;
  watch: ConsoleWatch;
  newDevice(kind: DeviceKind, label: string): Promise<Device>;
  /** Stops the relay (graceful close, data kept). */
  stopRelay(): Promise<void>;
  /** Starts a relay again on the same port and DATA_DIR. */
  restartRelay(): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** How often open connections re-check their link (the relay's REVALIDATE_MS). */
  revalidateMs?: number;
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  if (!fs.existsSync(path.join(BUILD_DIR, 'index.html'))) {
    throw new Error(`no built app in ${BUILD_DIR}: run the e2e tests through "npm run test:e2e"`);
  }
  const dataDir = makeTempDir('slt-e2e-');
  // The relay logs only errors here (a 500's cause belongs beside the browser's "status of 500").
  const relayConfig = {
    staticDir: BUILD_DIR,
    logLevel: 'error' as const,
    ...(options.revalidateMs ? { revalidateMs: options.revalidateMs } : {})
  };
  let relay: TestRelay | null = await startTestRelay({ config: relayConfig, dataDir });
  const port = Number(new URL(relay.url).port);
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const watch = new ConsoleWatch();

  const world: World = {
    browser,
    get relay(): TestRelay {
      if (!relay) throw new Error('the relay is stopped');
      return relay;
    },
    baseUrl: relay.url,
    port,
    dataDir,
    watch,
    async newDevice(kind, label) {
      const context = await browser.newContext({
        ...(kind === 'phone' ? PHONE : LAPTOP),
        locale: 'de-DE',
        timezoneId: 'Europe/Berlin'
      });
      contexts.push(context);
      watch.attach(context, label);
      const page = await context.newPage();
      return { context, page };
    },
    async stopRelay() {
      await relay?.close();
      relay = null;
    },
    async restartRelay() {
      if (relay) throw new Error('the relay is already running');
      relay = await startTestRelay({ config: { ...relayConfig, port }, dataDir });
    },
    async close() {
      const counts = new Map<string, number>();
      for (const reason of watch.allowedSeen) counts.set(reason, (counts.get(reason) ?? 0) + 1);
      for (const [reason, n] of counts) console.log(`allowed browser console errors: ${n} × ${reason}`);
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await relay?.close();
      relay = null;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
  return world;
}

/**
 * The world of one e2e file: started before its tests (then `setup` runs, e.g. to open devices), the
 * browser console checked after each test, everything closed after all of them.
 */
export function useWorld(setup: (world: World) => Promise<void> | void, options: WorldOptions = {}): void {
  let world: World | undefined;
  beforeAll(async () => {
    world = await startWorld(options);
    await setup(world);
  });
  afterEach(() => world?.watch.assertClean());
  afterAll(async () => {
    await world?.close();
  });
}

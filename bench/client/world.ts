// The world one client bench case group runs in: the built app served by the real relay (the esbuild bundle
// as `npm start` runs it, its own process, with a temp DATA_DIR, on a port it keeps across a restart),
// Debian's Chromium through playwright-core, and phone-sized devices (390x844, German) that carry the
// in-page probe (probe.js) and a DevTools session for CPU throttling, heap and profiles.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { generateRoomId, generateToken, hashToken } from '../../sync-server/src/auth';
import type { Role } from '../../sync-server/src/storage/types';
import { startChildRelay, type ChildRelay } from '../../tests/helpers/relay-child';
import { makeTempDir } from '../../tests/helpers/relay';
import { launchChromium, PHONE } from '../../tests/e2e/browser';
import { ROOT } from '../processes';

export const BUILD_DIR = path.join(ROOT, 'build');
const PROBE = fs.readFileSync(path.join(ROOT, 'bench/client/probe.js'), 'utf8');
// tsx keeps function names with a `__name(fn, "name")` helper that does not exist in the page; functions
// handed to page.evaluate may carry it.
const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f);';

export type Tokens = Record<Role, string>;

export interface BenchRoom {
  roomId: string;
  tokens: Tokens;
}

export interface Phone {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  /** Sets the CPU slowdown (1 = none) through Emulation.setCPUThrottlingRate. */
  throttle(rate: number): Promise<void>;
}

export interface World {
  browser: Browser;
  /** http://127.0.0.1:<port>, the same after restartRelay(). */
  baseUrl: string;
  wsUrl: string;
  port: number;
  createRoom(title: string): Promise<BenchRoom>;
  joinLink(room: BenchRoom, role?: Role): string;
  newPhone(label: string): Promise<Phone>;
  stopRelay(): Promise<void>;
  restartRelay(): Promise<void>;
  /** The relay's process id, e.g. to read its memory (null while stopped). */
  relayPid(): number | null;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  if (!fs.existsSync(path.join(BUILD_DIR, 'index.html'))) throw new Error('no build/: run npm run build');
  const dataDir = makeTempDir('slt-client-bench-');
  let relay: ChildRelay | null = await startChildRelay({
    dataDir,
    env: { STATIC_DIR: BUILD_DIR }
  });
  const port = relay.port;
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    browser,
    baseUrl,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    port,
    async createRoom(title) {
      const roomId = generateRoomId();
      const tokens: Tokens = {
        facilitator: generateToken('facilitator'),
        participant: generateToken('participant'),
        viewer: generateToken('viewer')
      };
      const links = (Object.keys(tokens) as Role[]).map((role) => ({
        role,
        tokenHash: hashToken(tokens[role])
      }));
      const res = await fetch(`${baseUrl}/api/rooms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ roomId, title, links })
      });
      if (res.status !== 201)
        throw new Error(`room registration answered ${res.status}: ${await res.text()}`);
      return { roomId, tokens };
    },
    joinLink: (room, role = 'participant') => `${baseUrl}/join/${room.roomId}#${room.tokens[role]}`,
    async newPhone(label) {
      const context = await browser.newContext({ ...PHONE, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
      contexts.push(context);
      await context.addInitScript({ content: `${NAME_SHIM}\n${PROBE}` });
      const page = await context.newPage();
      page.on('pageerror', (error) => process.stderr.write(`[${label}] pageerror: ${error.message}\n`));
      const cdp = await context.newCDPSession(page);
      return {
        context,
        page,
        cdp,
        async throttle(rate) {
          await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        }
      };
    },
    async stopRelay() {
      await relay?.stop();
      relay = null;
    },
    async restartRelay() {
      if (relay) throw new Error('the relay is running');
      relay = await startChildRelay({
        dataDir,
        env: { STATIC_DIR: BUILD_DIR, PORT: String(port) }
      });
    },
    relayPid: () => relay?.child.pid ?? null,
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await relay?.stop();
      relay = null;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

// What a participant's phone loads on its first visit: from the join link through the name question to the
// first usable screen of the conference. JS and CSS as requested by the page (raw, gzip and brotli of the
// same files, and the bytes that actually travelled as the relay served them), everything the relay sent
// until then and until the service worker had precached the app (counted by a pass-through in front of
// the relay). The static per-route sizes (was scripts/route-size.js) follow as notes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClientCase } from './cases';
import { conferenceReady, waitForServiceWorker, waitMark } from './page';
import type { Row } from './report';
import { routeSizes, sizesOf } from './route-size';
import { seedConference } from './seed';
import { joinThroughLink } from '../../tests/e2e/flows';
import { startWireMeter } from './wire-meter';
import { BUILD_DIR, startWorld } from './world';

const TITLE = 'Mitmach-Konferenz Byte-Bank';
const kB = (bytes: number): number => bytes / 1000;

interface Loaded {
  /** Wall-clock ms the request started. */
  start: number;
  path: string;
  type: string;
  encoding: string;
  wire: number;
}

export const bytesCase: ClientCase = {
  id: 'bytes',
  title: "Bytes a participant's phone loads on its first visit",
  async run(ctx) {
    const world = await startWorld();
    const meter = await startWireMeter(world.port);
    try {
      const conf = await seedConference(world, TITLE, [
        { title: 'Bürgerenergie', question: 'Wie erzeugen wir Strom gemeinsam?', ideas: 20 }
      ]);
      conf.close();
      const origin = `http://127.0.0.1:${meter.port}`;
      const phone = await world.newPhone('bytes');
      const page = phone.page;
      const loaded: Loaded[] = [];
      page.on('requestfinished', (request) => {
        void (async () => {
          const response = await request.response();
          if (!response) return;
          const sizes = await request.sizes();
          loaded.push({
            start: request.timing().startTime,
            path: new URL(request.url()).pathname,
            type: request.resourceType(),
            encoding: (await response.allHeaders())['content-encoding'] ?? 'identity',
            wire: sizes.responseBodySize + sizes.responseHeadersSize
          });
        })();
      });
      meter.reset();
      // The participant's very first screen is the join page's name question, with the conference's title
      // (so people know they scanned the right code): its time is noted on the way to the conference.
      let nameQuestionAt = 0;
      await joinThroughLink(
        page,
        `${origin}/join/${conf.room.roomId}#${conf.room.tokens.participant}`,
        TITLE,
        'Bench',
        async () => {
          await page.getByRole('heading', { level: 1, name: new RegExp(TITLE) }).waitFor();
          nameQuestionAt = Date.now();
        }
      );
      await page.evaluate((specs) => window.__bench.arm('usable', specs), conferenceReady(TITLE));
      const usable = await waitMark(page, 'usable');
      const untilUsable = meter.down;
      await page.waitForTimeout(500); // requests that started before the mark finish
      // What the page asked for before its first usable frame (preloads that start later do not count).
      const firstScreen = loaded.filter((l) => l.start <= usable.wallPainted);
      const nameQuestion = loaded.filter((l) => l.start <= nameQuestionAt);
      await waitForServiceWorker(page);
      // Precaching is done when the worker is active; wait for the socket traffic to settle too.
      let last = -1;
      while (last !== meter.down) {
        last = meter.down;
        await page.waitForTimeout(1000);
      }
      const untilPrecached = meter.down;

      const pick = (type: string) => firstScreen.filter((l) => l.type === type);
      const fileBytes = (l: Loaded) => readFileSync(path.join(BUILD_DIR, l.path));
      const rows: Row[] = [];
      for (const [label, type] of [
        ['JS', 'script'],
        ['CSS', 'stylesheet']
      ] as const) {
        const files = pick(type);
        const sizes = sizesOf(files.map(fileBytes));
        const encodings = [...new Set(files.map((f) => f.encoding))].join(', ');
        rows.push(
          {
            metric: `${label} before the first usable screen, gzip (${sizes.files} files)`,
            unit: 'kB',
            digits: 1,
            value: kB(sizes.gzip),
            ...(type === 'script' ? { target: { text: '≤ 120 kB', max: 120 } } : {})
          },
          { metric: `${label}, brotli`, unit: 'kB', digits: 1, value: kB(sizes.brotli) },
          { metric: `${label}, uncompressed`, unit: 'kB', digits: 1, value: kB(sizes.raw) },
          {
            metric: `${label}, on the wire as served (${encodings})`,
            unit: 'kB',
            digits: 1,
            value: kB(files.reduce((sum, f) => sum + f.wire, 0))
          }
        );
      }
      const joinJs = sizesOf(nameQuestion.filter((l) => l.type === 'script').map(fileBytes));
      rows.push(
        {
          // No target of its own: the budget is for the conference screen above.
          metric: `JS before the join page's name question showed, gzip (${joinJs.files} files)`,
          unit: 'kB',
          digits: 1,
          value: kB(joinJs.gzip)
        },
        {
          metric: 'everything the relay sent until the first usable screen',
          unit: 'kB',
          digits: 1,
          value: kB(untilUsable)
        },
        {
          metric: 'everything the relay sent until the service worker precached the app',
          unit: 'kB',
          digits: 1,
          value: kB(untilPrecached)
        }
      );
      const notes = [
        'Fresh phone (empty cache), Accept-Encoding as Chromium sends it; "on the wire" counts headers and bodies; ' +
          'the relay totals include HTTP headers, API calls and WebSocket traffic. kB = 1,000 bytes.',
        `Requested before the first usable screen: ${firstScreen.map((l) => `${l.path} (${l.encoding})`).join(', ')}`
      ];
      for (const [route, s] of routeSizes()) {
        notes.push(
          `route ${route}: JS ${kB(s.raw).toFixed(1)} kB, gzip ${kB(s.gzip).toFixed(1)} kB, brotli ${kB(s.brotli).toFixed(1)} kB (${s.files} files)`
        );
      }
      ctx.log(`  ${firstScreen.length} requests before the first usable screen`);
      return { rows, notes };
    } finally {
      await meter.close();
      await world.close();
    }
  }
};

// Typing in the idea field of a table with 2,000 ideas while others send 50 ideas a second to the same
// table: for every key, the time from its input event (the browser's timestamp, so a busy main thread
// counts) to the next painted frame.
import type { ClientCase } from './cases';
import { phoneOnBigTable, profiled } from './page';
import type { Row } from './report';
import { IdeaStream } from './seed';
import { startWorld } from './world';

const TITLE = 'Mitmach-Konferenz Tipp-Bank';
const IDEAS = 2000;
const RATE = 50;
const TEXT = 'Ein Dorfladen mit Café, in dem auch die Bücherei zweimal die Woche öffnet. ';

export const typingCase: ClientCase = {
  id: 'typing',
  title: `Typing an idea while ${RATE} ideas/s arrive (table with ${IDEAS.toLocaleString('en-US')} ideas)`,
  async run(ctx) {
    const world = await startWorld();
    try {
      const { conf, phone } = await phoneOnBigTable(world, 'typing', TITLE, IDEAS);
      const table = conf.tables[0]!;
      const page = phone.page;
      const stream = await IdeaStream.open(world, conf.room);
      const field = page.locator('#idea-text');
      const keys = ctx.quick ? 20 : 100;

      const rows: Row[] = [];
      const notes: string[] = [];
      for (const rate of ctx.throttles) {
        await phone.throttle(rate);
        const samples: number[] = [];
        let arrived = 0;
        let sent = 0;
        for (let run = 0; run < ctx.runs; run++) {
          await field.click();
          stream.start(table.id, RATE);
          await page.waitForTimeout(1000); // the stream is flowing before the first key
          const before = await countIdeas(page);
          const sentBefore = stream.sent;
          await page.evaluate(() => window.__bench.clear());
          const started = Date.now();
          await profiled(phone.cdp, ctx.profile && run === 0, `typing-${rate}x`, async () => {
            // A swamped page acknowledges keys late; a run stops after 60 s with the keys it managed.
            for (const key of TEXT.repeat(3).slice(0, keys)) {
              if (Date.now() - started > 60_000) break;
              await page.keyboard.type(key);
              await page.waitForTimeout(100);
            }
          });
          await page.waitForTimeout(300);
          stream.stop();
          const seconds = (Date.now() - started) / 1000;
          samples.push(...(await page.evaluate(() => window.__bench.keys)));
          arrived += ((await countIdeas(page)) - before) / seconds;
          sent += (stream.sent - sentBefore) / seconds;
          await field.fill(''); // the next run starts from an empty field
        }
        rows.push({
          metric: 'key → next painted frame',
          throttle: rate,
          unit: 'ms',
          samples,
          runs: ctx.runs,
          target: rate === 4 ? { text: '< 50 ms', max: 50 } : undefined
        });
        notes.push(
          `${rate}×: ${samples.length} keys; ideas sent while typing ${(sent / ctx.runs).toFixed(0)}/s, shown ${(arrived / ctx.runs).toFixed(0)}/s`
        );
      }
      stream.close();
      await phone.throttle(1);
      notes.push(
        `One key every 100 ms (CDP key events); ${RATE} ideas/s from another participant's client to the same table. ` +
          "Latency = painted frame after the keydown − the keydown event's timestamp."
      );
      return { rows, notes };
    } finally {
      await world.close();
    }
  }
};

/** The number in the ideas heading, "Ideen (2034)". */
async function countIdeas(page: import('playwright-core').Page): Promise<number> {
  const text = await page.locator('#ideas-title').innerText();
  return Number(/\((\d+)\)/.exec(text)?.[1] ?? NaN);
}

// Memory of a phone that keeps a table with 2,000 ideas open while others change it for a long time (10
// minutes; --quick: 10 s): 10 updates a second, in turn an added idea, a removed one and an edited one, so
// the table keeps its size. JS heap after a full garbage collection at the start and at the end.
import type { ClientCase } from './cases';
import { domCounts, heapUsed, phoneOnBigTable } from './page';
import type { Row } from './report';
import { ideaIdsOf, IdeaStream } from './seed';
import { startWorld } from './world';
import { mulberry32 } from '../../tests/helpers/random';

const TITLE = 'Mitmach-Konferenz Speicher-Bank';
const IDEAS = 2000;
const UPDATES_PER_SECOND = 10;
const MiB = (bytes: number): number => bytes / 1024 / 1024;

export const memoryCase: ClientCase = {
  id: 'memory',
  title: `JS heap of a table with ${IDEAS.toLocaleString('en-US')} ideas under updates`,
  async run(ctx) {
    const seconds = ctx.quick ? 10 : 600;
    const world = await startWorld();
    try {
      const { conf, phone } = await phoneOnBigTable(world, 'memory', TITLE, IDEAS);
      const existing = ideaIdsOf(conf.shared.doc);
      const table = conf.tables[0]!;
      const page = phone.page;
      await page.waitForTimeout(2000);
      const start = await heapUsed(phone.cdp);
      const domStart = await domCounts(phone.cdp);

      const stream = await IdeaStream.open(world, conf.room, 'facilitator');
      ctx.log(`  ${seconds} s of updates`);
      stream.churn(table.id, existing, UPDATES_PER_SECOND, mulberry32(1));
      await page.waitForTimeout(seconds * 1000);
      stream.stop();
      await page.waitForTimeout(3000); // the last updates arrive and render
      const end = await heapUsed(phone.cdp);
      const domEnd = await domCounts(phone.cdp);
      const shown = Number(/\((\d+)\)/.exec(await page.locator('#ideas-title').innerText())?.[1] ?? NaN);
      stream.close();
      const rows: Row[] = [
        { metric: 'JS heap after opening the table', unit: 'MiB', digits: 1, value: MiB(start) },
        { metric: `JS heap after ${seconds} s of updates`, unit: 'MiB', digits: 1, value: MiB(end) },
        { metric: 'growth', unit: 'MiB', digits: 1, value: MiB(end - start) },
        { metric: 'DOM nodes at the start', unit: '', value: domStart.nodes },
        { metric: 'DOM nodes at the end', unit: '', value: domEnd.nodes }
      ];
      return {
        rows,
        notes: [
          `${UPDATES_PER_SECOND} updates/s for ${seconds} s (${stream.sent} ideas added, as many removed, the rest edits) ` +
            `from a facilitator's client; the table showed ${shown} ideas at the end. CPU not slowed; heap after ` +
            'HeapProfiler.collectGarbage, read with Runtime.getHeapUsage.'
        ]
      };
    } finally {
      await world.close();
    }
  }
};

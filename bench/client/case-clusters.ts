// Clusters and a dot vote (issue 11's budget): a facilitator's phone opens the „Cluster“ view of a table
// with 300 ideas in 20 clusters (tap on the tab → every card painted), and with the result of a vote of 200
// participants on screen, one more ballot from another device (through the relay) → the ranking painted
// with it. Target: under 100 ms unthrottled, under 500 ms with the CPU slowed 4×.
import * as Y from 'yjs';
import { addCluster, readIdeas, setVoteState, startVote } from '../../src/lib/doc';
import type { IdeaId, VoteId } from '../../src/lib/model';
import { joinThroughLink } from '../../tests/e2e/flows';
import type { ClientCase } from './cases';
import { arm, waitForServiceWorker, waitMark, type Spec } from './page';
import type { Row } from './report';
import { seedConference, wallNow } from './seed';
import { startWorld } from './world';

const TITLE = 'Mitmach-Konferenz Cluster';
const TABLE = 'Ortskern beleben';
export const IDEAS = 300;
export const CLUSTERS = 20;
export const VOTERS = 200;

const target = (rate: number) =>
  rate === 1 ? { text: '< 100 ms', max: 100 } : rate === 4 ? { text: '< 500 ms', max: 500 } : undefined;

function writeBallot(doc: Y.Doc, vote: VoteId, key: string, points: Record<string, number>): void {
  const entry = new Y.Map<unknown>();
  doc.getMap('ballots').set(`${vote}.${key}`, entry);
  entry.set('voteId', vote);
  const map = new Y.Map<unknown>();
  entry.set('points', map);
  for (const [id, n] of Object.entries(points)) map.set(id, n);
}

export const clustersCase: ClientCase = {
  id: 'clusters-votes',
  title: `${IDEAS} ideas in ${CLUSTERS} clusters, a vote of ${VOTERS} participants`,
  async run(ctx) {
    const world = await startWorld();
    try {
      ctx.log(`  seeding ${IDEAS} ideas in ${CLUSTERS} clusters and ${VOTERS} ballots through the relay`);
      const conf = await seedConference(world, TITLE, [
        { title: TABLE, question: 'Was braucht die Mitte?', ideas: IDEAS }
      ]);
      const table = conf.tables[0]!.id;
      const control = conf.control.doc;
      const shared = conf.shared.doc;
      const ideas = readIdeas(shared, table).map((i) => i.id);
      for (let c = 0; c < CLUSTERS; c++) {
        const members = ideas.filter((_, i) => i % CLUSTERS === c) as IdeaId[];
        const r = addCluster(control, table, `Cluster ${c + 1}`, members);
        if (!r.ok) throw new Error(`addCluster: ${r.error}`);
      }
      const started = startVote(control, table, { target: 'ideas', budget: 3, multiple: true });
      if (!started.ok) throw new Error(`startVote: ${started.error}`);
      const vote = started.value;
      setVoteState(control, vote, { revealed: true });
      await conf.control.whenSaved(20_000);
      shared.transact(() => {
        for (let p = 0; p < VOTERS; p++)
          writeBallot(shared, vote, `benchVoter${String(p).padStart(6, '0')}`, {
            [ideas[p % 40]!]: 2,
            [ideas[(p * 7) % IDEAS]!]: 1
          });
      });
      await conf.shared.whenSaved(20_000);

      const phone = await world.newPhone('clusters');
      const page = phone.page;
      await joinThroughLink(page, world.joinLink(conf.room, 'facilitator'), TITLE, 'Bench');
      await waitForServiceWorker(page);
      const tableUrl = `${world.baseUrl}/c/${conf.room.roomId}/t/${table}`;
      await page.goto(tableUrl);
      const tab = (name: RegExp) => page.getByRole('tab', { name });
      // Everything arrived once: the vote view lists 200 voters, the cluster view every card.
      await tab(/^Bewerten/).click();
      await page.getByText(`${VOTERS} Personen haben abgestimmt`).first().waitFor({ timeout: 120_000 });
      await tab(/^Cluster/).click();
      await page
        .locator('[data-testid="cluster-idea"]')
        .nth(IDEAS - 1)
        .waitFor({ state: 'attached', timeout: 120_000 });

      const boardReady: Spec[] = [{ selector: '[data-testid="cluster-idea"]', min: IDEAS }];
      const rows: Row[] = [];
      let voters = VOTERS;
      for (const rate of ctx.throttles) {
        await phone.throttle(rate);
        const toBoard: number[] = [];
        const toRanking: number[] = [];
        for (let run = 0; run < ctx.runs + 1; run++) {
          await tab(/^Ideen/).click();
          await page.getByTestId('idea-list').waitFor();
          await page.waitForTimeout(300);
          await arm(page, `board${rate}-${run}`, boardReady);
          await tab(/^Cluster/).click();
          const board = await waitMark(page, `board${rate}-${run}`);
          const tapped = await page.evaluate(() => window.__bench.lastClick);
          if (run > 0) toBoard.push(board.painted - tapped);

          await tab(/^Bewerten/).click();
          await page.getByTestId('vote-chart').waitFor();
          await page.waitForTimeout(300);
          voters++;
          await arm(page, `vote${rate}-${run}`, [
            { selector: '[data-testid="ranking-voters"]', text: `${voters} Personen haben abgestimmt` }
          ]);
          const sent = wallNow();
          writeBallot(shared, vote, `lateVoter${String(voters).padStart(6, '0')}`, { [ideas[1]!]: 3 });
          const mark = await waitMark(page, `vote${rate}-${run}`);
          if (run > 0) toRanking.push(mark.wallPainted - sent);
        }
        rows.push(
          {
            metric: `tap on „Cluster“ → ${IDEAS} cards in ${CLUSTERS} clusters painted`,
            throttle: rate,
            unit: 'ms',
            samples: toBoard,
            target: target(rate)
          },
          {
            metric: `a late ballot sent (vote of ${VOTERS}) → ranking painted with it`,
            throttle: rate,
            unit: 'ms',
            samples: toRanking,
            target: target(rate)
          }
        );
      }
      await phone.throttle(1);
      conf.close();
      return {
        rows,
        notes: [
          `Phone 390x844, facilitator (the drag-and-drop board), ${IDEAS} ideas in ${CLUSTERS} clusters; a revealed ` +
            `vote on ideas with ${VOTERS} ballots; each measured ballot comes from a stock client through the relay, ` +
            'so the ranking latency includes the relay hop. One unmeasured warm-up per CPU setting.'
        ]
      };
    } finally {
      await world.close();
    }
  }
};

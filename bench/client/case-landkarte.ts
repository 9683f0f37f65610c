// A Landkarte of 500 initiatives and 300 cooperations (issue 10's budget): from a tap on „Landkarte“ in the
// conference navigation to the Lücken-Matrix painted, a reload of the Landkarte's address to the matrix
// painted (app boot, both documents from IndexedDB), the switch to the list to its first cards painted,
// and the switch to the map to every marker drawn (Leaflet and the outlines loaded from the service
// worker's cache on the first switch of each run). Target: under 200 ms unthrottled, under 1 s with the
// CPU slowed 4×.
import { addCooperation, addInitiatives, readFields, type InitiativeInput } from '../../src/lib/doc';
import { INITIATIVE_STATUSES, type InitiativeId } from '../../src/lib/model';
import type { ClientCase } from './cases';
import { arm, armNext, joinAsParticipant, waitForServiceWorker, waitMark, type Spec } from './page';
import type { Row } from './report';
import { seedConference } from './seed';
import { startWorld } from './world';

const TITLE = 'Mitmach-Konferenz Große Landkarte';
export const INITIATIVES = 500;
export const COOPERATIONS = 300;

/** The matrix with its cells filled (the probe counts elements; on a phone the names are hidden). */
const matrixReady: Spec[] = [{ selector: '[data-testid="gap-matrix"] td a' }];
const listReady: Spec[] = [{ selector: '[data-testid="initiative-list"] li', min: 100 }];
const mapReady: Spec[] = [{ selector: '[data-testid="region-map"] path.map-marker', min: INITIATIVES }];
const target = (rate: number) =>
  rate === 1 ? { text: '< 200 ms', max: 200 } : rate === 4 ? { text: '< 1 s', max: 1000 } : undefined;

export const landkarteCase: ClientCase = {
  id: 'landkarte-500',
  title: `A Landkarte of ${INITIATIVES} initiatives and ${COOPERATIONS} cooperations`,
  async run(ctx) {
    const world = await startWorld();
    try {
      ctx.log(`  seeding ${INITIATIVES} initiatives and ${COOPERATIONS} cooperations through the relay`);
      const conf = await seedConference(world, TITLE, [
        { title: 'Plenum', question: 'Was fehlt?', ideas: 1 }
      ]);
      const docs = { shared: conf.shared.doc, control: conf.control.doc };
      const fields = readFields(docs.control).map((f) => f.id);
      const inputs: InitiativeInput[] = Array.from({ length: INITIATIVES }, (_, n) => ({
        name: `Initiative ${n + 1} für die Region`,
        status: INITIATIVE_STATUSES[n % 3],
        fieldIds: [fields[n % fields.length]!, ...(n % 4 === 0 ? [fields[(n + 2) % fields.length]!] : [])],
        place: `Gemeinde ${n % 40}`,
        coords: { lat: 47.5 + (n % 50) / 100, lon: 9.5 + Math.floor(n / 50) / 10 },
        description: 'Engagierte Menschen aus dem Ort, die gemeinsam etwas für die Region bewegen wollen.',
        needs: 'Helfende Hände, Räume und ein wenig Geld für Material.',
        offers: 'Erfahrung, Werkzeug und einen Platz für Treffen.'
      }));
      const ids: InitiativeId[] = [];
      for (let i = 0; i < inputs.length; i += 100) {
        const r = addInitiatives(docs, inputs.slice(i, i + 100));
        if (!r.ok) throw new Error(`addInitiatives: ${r.error}`);
        ids.push(...r.value);
        await conf.shared.whenSaved(20_000);
      }
      docs.shared.transact(() => {
        for (let n = 0; n < COOPERATIONS; n++) {
          const a = ids[n % ids.length]!;
          const b = ids[(n * 7 + 13) % ids.length]!;
          if (a !== b) addCooperation(docs.shared, { a, b, kind: n % 2 ? 'active' : 'possible' });
        }
      });
      await conf.shared.whenSaved(20_000);
      conf.close();

      const phone = await world.newPhone('landkarte');
      const page = phone.page;
      await joinAsParticipant(world, phone, conf);
      await waitForServiceWorker(page);
      const confUrl = `${world.baseUrl}/c/${conf.room.roomId}`;
      const lkUrl = `${confUrl}/landkarte`;
      await page.goto(lkUrl);
      // On a phone the matrix shows counts only (its links are in the document, hidden).
      await page
        .locator('[data-testid="gap-matrix"] td a')
        .first()
        .waitFor({ state: 'attached', timeout: 120_000 });
      await page
        .getByRole('tab', { name: new RegExp(`Liste\\s*${INITIATIVES}`) })
        .waitFor({ timeout: 120_000 });

      const rows: Row[] = [];
      for (const rate of ctx.throttles) {
        await phone.throttle(rate);
        const fromNav: number[] = [];
        const cold: number[] = [];
        const toList: number[] = [];
        const toMap: number[] = [];
        for (let run = 0; run < ctx.runs + 1; run++) {
          await page.goto(confUrl);
          await page
            .locator('[data-testid="connection-status"][data-status="saved"]')
            .waitFor({ timeout: 60_000 });
          await page.waitForTimeout(500);
          await arm(page, 'lk', matrixReady);
          await page.getByTestId('nav-landkarte').click();
          const opened = await waitMark(page, 'lk');
          const clickedAt = await page.evaluate(() => window.__bench.lastClick);
          if (run > 0) fromNav.push(opened.painted - clickedAt);

          await arm(page, 'list', listReady);
          await page.getByRole('tab', { name: /^Liste/ }).click();
          const listed = await waitMark(page, 'list');
          const tabAt = await page.evaluate(() => window.__bench.lastClick);
          if (run > 0) toList.push(listed.painted - tabAt);

          await arm(page, 'map', mapReady);
          await page.getByRole('tab', { name: /^Karte/ }).click();
          const mapped = await waitMark(page, 'map');
          const mapAt = await page.evaluate(() => window.__bench.lastClick);
          if (run > 0) toMap.push(mapped.painted - mapAt);

          await armNext(page, 'cold', matrixReady);
          await page.goto(lkUrl, { waitUntil: 'commit' });
          const coldMark = await waitMark(page, 'cold');
          if (run > 0) cold.push(coldMark.painted);
        }
        rows.push(
          {
            metric: 'tap on „Landkarte“ → matrix painted',
            throttle: rate,
            unit: 'ms',
            samples: fromNav,
            target: target(rate)
          },
          {
            metric: 'tap on „Liste“ → first 100 cards painted',
            throttle: rate,
            unit: 'ms',
            samples: toList,
            target: target(rate)
          },
          {
            metric: `tap on „Karte“ → ${INITIATIVES} markers drawn`,
            throttle: rate,
            unit: 'ms',
            samples: toMap,
            target: target(rate)
          },
          {
            metric: 'load of the Landkarte address → matrix painted',
            throttle: rate,
            unit: 'ms',
            samples: cold
          }
        );
      }
      await phone.throttle(1);
      return {
        rows,
        notes: [
          `Phone 390x844, participant, ${INITIATIVES} initiatives (6 Handlungsfelder, three statuses, texts of ` +
            `realistic length) and ${COOPERATIONS} cooperations; the app served by the relay and controlled by its ` +
            'service worker; one unmeasured warm-up per CPU setting. The load includes the app boot, both ' +
            'documents from IndexedDB and the sync. The map loads Leaflet and the outlines on its first tap of a run.'
        ]
      };
    } finally {
      await world.close();
    }
  }
};

// Offline open: a participant's phone that visited once opens a conference with the relay stopped and the
// device offline, everything from the service worker and IndexedDB. Measured: navigation start to the
// painted frame that first shows the conference title and its tables (the first usable screen).
import type { ClientCase } from './cases';
import {
  armNext,
  calibrate,
  conferenceReady,
  joinAsParticipant,
  profiled,
  waitForServiceWorker,
  waitMark
} from './page';
import type { Row } from './report';
import { seedConference } from './seed';
import { startWorld } from './world';

const TITLE = 'Mitmach-Konferenz Offline-Bank';

export const offlineCase: ClientCase = {
  id: 'offline-open',
  title: 'Offline open from the service worker (relay stopped, no network)',
  async run(ctx) {
    const world = await startWorld();
    try {
      const conf = await seedConference(world, TITLE, [
        { title: 'Bürgerenergie', question: 'Wie erzeugen wir Strom gemeinsam?', ideas: 40 },
        { title: 'Mobilität', question: 'Wie kommen alle ohne Auto hin?', ideas: 40 },
        { title: 'Ernährung', question: 'Was essen wir morgen?', ideas: 40 }
      ]);
      conf.close();
      const phone = await world.newPhone('offline');
      const url = `${world.baseUrl}/c/${conf.room.roomId}`;
      await joinAsParticipant(world, phone, conf);
      await waitForServiceWorker(phone.page);
      await phone.page.reload(); // from now on the service worker controls the page
      await phone.page.locator('[data-testid="table-list"] a').first().waitFor();

      await world.stopRelay();
      await phone.context.setOffline(true);
      const reachable = await fetch(world.baseUrl).then(
        () => true,
        () => false
      );
      if (reachable) throw new Error('the relay still answers: the offline case would measure the network');

      const rows: Row[] = [];
      const notes: string[] = [];
      for (const rate of ctx.throttles) {
        await phone.throttle(rate);
        const samples: number[] = [];
        for (let run = 0; run < ctx.runs + 1; run++) {
          await armNext(phone.page, 'ready', conferenceReady(TITLE));
          const mark = await profiled(
            phone.cdp,
            ctx.profile && run === 1,
            `offline-open-${rate}x`,
            async () => {
              await phone.page.goto(url, { waitUntil: 'commit' });
              return waitMark(phone.page, 'ready');
            }
          );
          // The first open after a throttle change warms the worker and the disk cache: not counted.
          if (run > 0) samples.push(mark.painted);
        }
        const work = await calibrate(phone.page);
        notes.push(
          `calibration loop at ${rate}×: ${work.toFixed(0)} ms (the slowdown is in force after navigations)`
        );
        rows.push({
          metric: 'navigation start → conference usable',
          throttle: rate,
          unit: 'ms',
          samples,
          ...(rate === 4 ? { target: { text: '< 1 s', max: 1000 } } : {})
        });
      }
      await phone.throttle(1);
      notes.push(
        'Phone 390x844, German; the relay process stopped and the context offline (a fetch of the relay port fails); ' +
          'one unmeasured warm-up open per CPU setting. The service worker is not throttled (DevTools throttles the page).'
      );
      return { rows, notes };
    } finally {
      await world.close();
    }
  }
};

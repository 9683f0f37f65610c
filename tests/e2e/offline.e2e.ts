// No network at the venue: a participant's phone that visited once keeps working with the relay stopped
// and the device offline. The service worker serves the app, IndexedDB the conference; an idea written
// then waits (pending 1), survives a reload (still shown as waiting), and reaches the facilitator once the relay is back on the
// same port and data. A reload afterwards shows the idea once, saved.
import { describe, expect, it } from 'vitest';
import { OFFLINE_NOISE, useWorld, type Device, type World } from './harness';
import {
  createSharedConference,
  ideaItem,
  joinAtTable,
  openTable,
  readStatus,
  sendIdea,
  serviceWorkerState,
  tableLinkName,
  waitForStatus
} from './flows';

const TITLE = 'Mitmach-Konferenz Berchtesgadener Land';
const TABLE = 'Bürgerenergie';
const EARLIER = 'Solardächer auf allen Turnhallen im Landkreis.';
const OFFLINE_IDEA = 'Eine Energiegenossenschaft für die Almen gründen.';

let world: World;
let facilitator: Device;
let participant: Device;

useWorld(async (started) => {
  world = started;
  // This file stops the relay and takes the phone offline on purpose.
  world.watch.allow(...OFFLINE_NOISE);
  facilitator = await world.newDevice('laptop', 'facilitator');
  participant = await world.newDevice('phone', 'participant');
});

const ideaCount = (device: Device) => device.page.getByTestId('idea-list').locator('li').count();

describe('a phone without network', () => {
  it('gets the app into its service worker and the conference onto the device on the first visit', async () => {
    const { links } = await createSharedConference(facilitator.page, world.baseUrl, {
      title: TITLE,
      region: 'Berchtesgadener Land',
      venue: 'Gasthof zur Post',
      tables: [{ title: TABLE, question: 'Wie erzeugen wir Strom gemeinsam?' }]
    });
    await openTable(facilitator.page, TABLE);

    await joinAtTable(participant.page, links.participant, TITLE, TABLE, 'Sepp');
    await sendIdea(participant.page, EARLIER);
    await waitForStatus(participant.page, 'saved');
    await ideaItem(facilitator.page, EARLIER).waitFor();

    // The phone arrived through the join link; the worker must install from there.
    const active = await serviceWorkerState(participant.page);
    expect(active).toBe('activated');
    await participant.page.reload();
    await ideaItem(participant.page, EARLIER).waitFor();
    const controller = await participant.page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    expect(controller).toBe(`${world.baseUrl}/sw.js`);
    await waitForStatus(participant.page, 'saved');
  });

  it('opens the app and the conference from the device with the relay stopped and no network', async () => {
    await world.stopRelay();
    await participant.context.setOffline(true);
    // Proof that nothing comes from the network: the relay's port answers nothing at all.
    await expect(fetch(world.baseUrl)).rejects.toThrow();

    await participant.page.reload();
    const page = participant.page;
    await page.getByRole('heading', { level: 1, name: TABLE }).waitFor();
    await ideaItem(page, EARLIER).waitFor();
    await waitForStatus(page, 'offline');
    await page.getByRole('link', { name: 'Alle Thementische' }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expect(
      page
        .getByTestId('table-list')
        .getByRole('link', { name: tableLinkName(TABLE) })
        .isVisible()
    ).resolves.toBe(true);
    await openTable(page, TABLE);

    await sendIdea(page, OFFLINE_IDEA);
    const pending = page.getByTestId('pending-changes');
    await pending.waitFor();
    expect(await pending.getAttribute('data-count')).toBe('1');
    expect(await readStatus(page)).toBe('offline');

    // The facilitator's laptop is online but the relay is gone: it cannot have the idea.
    await facilitator.page.waitForTimeout(1000);
    expect(await ideaItem(facilitator.page, OFFLINE_IDEA).count()).toBe(0);
    expect(await ideaCount(facilitator)).toBe(1);
    expect(await readStatus(facilitator.page)).not.toBe('saved');
  });

  it('keeps the unsent idea on the device across a reload while still offline', async () => {
    await participant.page.reload();
    await ideaItem(participant.page, OFFLINE_IDEA).waitFor();
    await ideaItem(participant.page, EARLIER).waitFor();
    expect(await ideaCount(participant)).toBe(2);
    await waitForStatus(participant.page, 'offline');
    // The count lived in memory; what survives is the fact, compared with the last confirmed state.
    const pending = participant.page.getByTestId('pending-changes');
    await pending.waitFor();
    expect(await pending.getAttribute('data-count')).toBe('unknown');
    expect((await pending.innerText()).trim()).toBe('Änderungen warten auf den Server');
  });

  it('delivers the idea once the relay is back on the same port and data, and keeps it after a reload', async () => {
    await world.restartRelay();
    const backAt = Date.now();
    await participant.context.setOffline(false);

    await ideaItem(facilitator.page, OFFLINE_IDEA).waitFor({ timeout: 20_000 });
    const facilitatorSawAfter = Date.now() - backAt;
    await waitForStatus(participant.page, 'saved', 20_000);
    const participantSavedAfter = Date.now() - backAt;
    console.log(
      `after the relay came back: facilitator saw the offline idea in ${facilitatorSawAfter} ms, ` +
        `the phone was saved in ${participantSavedAfter} ms`
    );
    expect(await participant.page.getByTestId('pending-changes').count()).toBe(0);
    expect(await ideaCount(facilitator)).toBe(2);
    await waitForStatus(facilitator.page, 'saved', 20_000);

    await participant.page.reload();
    await ideaItem(participant.page, OFFLINE_IDEA).waitFor();
    expect(await ideaCount(participant)).toBe(2);
    await waitForStatus(participant.page, 'saved');
  });
});

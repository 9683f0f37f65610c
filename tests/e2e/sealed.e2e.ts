// Sealed ideas: the facilitator seals a table; two phones write ideas there (one of them offline, sent when
// it reconnects). Each sees only its own, marked "nur für dich sichtbar bis zur Freigabe", and not one byte
// of the other's text reaches its WebSocket frames or its IndexedDB; the facilitator sees a count, not the
// ideas. The author's sealed idea survives a reload (its sealed document is in IndexedDB). The facilitator
// reveals: everyone sees all ideas, unmarked, and they are in every phone's IndexedDB.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OFFLINE_NOISE, useWorld, type Device, type World } from './harness';
import { createSharedConference, ideaItem, joinAtTable, openTable, sendIdea, waitForStatus } from './flows';

const TITLE = 'Zukunftskonferenz Rhön';
const TABLE = 'Energie im Dorf';
const ALPHA = 'Solardächer auf allen Scheunen, verdeckt von Anna.';
const BETA = 'Ein Nahwärmenetz aus Hackschnitzeln, verdeckt von Ben.';
const PRIVATE = 'nur für dich sichtbar bis zur Freigabe';

let world: World;
let facilitator: Device;
let anna: Device;
let ben: Device;
/** Text of every WebSocket frame Ben's page received (binary frames decoded as UTF-8). */
const benFrames: string[] = [];

useWorld(async (started) => {
  world = started;
  world.watch.allow(...OFFLINE_NOISE); // Ben goes offline on purpose
  facilitator = await world.newDevice('laptop', 'facilitator');
  anna = await world.newDevice('phone', 'anna');
  ben = await world.newDevice('phone', 'ben');
  ben.page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) =>
      benFrames.push(typeof payload === 'string' ? payload : payload.toString('utf8'))
    )
  );
});

const privateMark = (page: Page) => page.getByTestId('idea-private');

/** Everything the page's origin keeps in IndexedDB, as text (byte arrays decoded as UTF-8). */
const storedText = (page: Page): Promise<string> =>
  page.evaluate(async () => {
    const asText = (value: unknown): string => {
      if (value instanceof Uint8Array || value instanceof ArrayBuffer) return new TextDecoder().decode(value);
      if (Array.isArray(value)) return value.map(asText).join('\n');
      if (value && typeof value === 'object') return Object.values(value).map(asText).join('\n');
      return String(value);
    };
    const out: string[] = [];
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of db.objectStoreNames) {
        const request = db.transaction(store).objectStore(store).getAll();
        const values = await new Promise<unknown[]>((resolve, reject) => {
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error);
        });
        out.push(asText(values));
      }
      db.close();
    }
    return out.join('\n');
  });

describe('sealed ideas', () => {
  it('stay with their author until the facilitator reveals them, then everyone sees all', async () => {
    const { links } = await createSharedConference(facilitator.page, world.baseUrl, {
      title: TITLE,
      region: 'Rhön',
      venue: 'Gemeindehaus Tann',
      tables: [{ title: TABLE, question: 'Woher kommt unsere Wärme 2035?' }]
    });
    await openTable(facilitator.page, TABLE);
    await facilitator.page.getByRole('button', { name: 'Ideen verdeckt sammeln' }).click();
    await facilitator.page.getByRole('button', { name: 'Ideen aufdecken' }).waitFor();
    await waitForStatus(facilitator.page, 'saved');

    for (const [device, name] of [
      [anna, 'Anna'],
      [ben, 'Ben']
    ] as const) {
      await joinAtTable(device.page, links.participant, TITLE, TABLE, name);
      await device.page.getByTestId('sealed-note').waitFor();
    }

    await sendIdea(anna.page, ALPHA);
    await privateMark(anna.page).waitFor();
    expect(await privateMark(anna.page).textContent()).toContain(PRIVATE);
    await waitForStatus(anna.page, 'saved');

    await waitForStatus(ben.page, 'saved');
    await ben.context.setOffline(true);
    await waitForStatus(ben.page, 'offline');
    await sendIdea(ben.page, BETA);
    await ben.context.setOffline(false);
    await waitForStatus(ben.page, 'saved');

    await facilitator.page
      .getByTestId('sealed-count')
      .filter({ hasText: '2 Teilnehmende haben verdeckt Ideen geschrieben' })
      .waitFor({ timeout: 15_000 });
    expect(await ideaItem(facilitator.page, ALPHA).count()).toBe(0);
    expect(await ideaItem(facilitator.page, BETA).count()).toBe(0);
    expect(await ideaItem(anna.page, BETA).count()).toBe(0);
    expect(await ideaItem(ben.page, ALPHA).count()).toBe(0);
    expect(benFrames.some((frame) => frame.includes(ALPHA))).toBe(false);
    expect(await storedText(ben.page)).not.toContain(ALPHA);
    expect(await storedText(anna.page)).toContain(ALPHA); // the scan reads what is there

    // Anna's sealed idea is in her IndexedDB and comes back after a reload.
    const databases = await anna.page.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name ?? '')
    );
    expect(databases.some((name) => name.includes('/sealed/t-'))).toBe(true);
    await anna.page.reload();
    await ideaItem(anna.page, ALPHA).waitFor();
    await privateMark(anna.page).waitFor();

    // The reveal: asked once, then everyone sees everything, unmarked.
    await facilitator.page.getByRole('button', { name: 'Ideen aufdecken' }).click();
    await facilitator.page
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Für alle aufdecken' })
      .click();
    await facilitator.page.getByRole('button', { name: 'Ideen verdeckt sammeln' }).waitFor();
    for (const device of [facilitator, anna, ben]) {
      await ideaItem(device.page, ALPHA).waitFor({ timeout: 10_000 });
      await ideaItem(device.page, BETA).waitFor({ timeout: 10_000 });
    }
    expect(await privateMark(anna.page).count()).toBe(0);
    expect(await privateMark(ben.page).count()).toBe(0);
    expect(benFrames.some((frame) => frame.includes(ALPHA))).toBe(true);
    await expect.poll(() => storedText(ben.page), { timeout: 10_000 }).toContain(ALPHA);
  });
});

// A table a facilitator removes while the relay is out of reach, on a laptop and on a phone: a change that
// only deletes creates no Yjs clock, yet after a reload the device still says that changes wait for the
// server (the saved mark in IndexedDB is a snapshot with the delete set, sync/unsaved.ts).
import { describe, expect, it } from 'vitest';
import { OFFLINE_NOISE, useWorld, type Device, type World } from './harness';
import { createConference, tableLinkName, waitForStatus } from './flows';

let world: World;
let devices: Device[];
useWorld(async (started) => {
  world = started;
  world.watch.allow(...OFFLINE_NOISE);
  devices = [await world.newDevice('laptop', 'laptop'), await world.newDevice('phone', 'phone')];
});

describe('a removal made offline', () => {
  it('shows a table removed offline as waiting after a reload', async () => {
    for (const [i, d] of devices.entries()) {
      await createConference(d.page, world.baseUrl, {
        title: `Mitmach-Konferenz Rhön ${i + 1}`,
        region: 'Rhön',
        venue: 'Gemeindesaal',
        tables: [
          { title: 'Bürgerenergie', question: 'Wie erzeugen wir Strom gemeinsam?' },
          { title: 'Dorfladen', question: 'Wie kommt der Laden zurück?' }
        ]
      });
      await waitForStatus(d.page, 'saved');
      // From the second load on, the service worker serves the app with no network.
      await d.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await d.page.reload();
      await waitForStatus(d.page, 'saved');
    }
    await world.stopRelay();
    for (const [i, d] of devices.entries()) {
      const page = d.page;
      await d.context.setOffline(true);
      await page.getByRole('link', { name: tableLinkName('Bürgerenergie') }).click();
      await page.getByRole('button', { name: 'Tisch bearbeiten' }).click();
      await page.getByRole('button', { name: 'Tisch entfernen' }).click();
      const confirm = page.getByRole('alertdialog');
      await confirm.getByRole('button', { name: 'Tisch entfernen' }).click();
      await page.getByRole('heading', { level: 1, name: `Mitmach-Konferenz Rhön ${i + 1}` }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: `Mitmach-Konferenz Rhön ${i + 1}` }).waitFor();
      await waitForStatus(page, 'offline');
      const pending = page.getByTestId('pending-changes');
      await pending.waitFor();
      // The count lived in memory; what survives the reload is the fact that something waits.
      expect(await pending.getAttribute('data-count')).toBe('unknown');
      expect((await pending.innerText()).trim()).toBe('Änderungen warten auf den Server');
      expect(await page.getByRole('link', { name: tableLinkName('Bürgerenergie') }).count()).toBe(0);
    }
  });
});

// What a new facilitator tripped over on the first day (issue 15), in Chromium: the join page names the
// conference and asks viewers nothing; the status says „Server nicht erreichbar“ when the network is up but
// the relay is not, and reconnects within 2 s of the network returning; the closed-round note sits where the
// input was; a facilitator removes an idea after one question and can undo it; a conference is removed from
// a device with its IndexedDB data; joining works with the code alone and with the projector's join code; a facilitator revokes a link from the
// share dialog (a connected phone is told at once) and makes a new one; an unknown address gets a German
// page with a way back; a refused link's tab says so.
import { describe, expect, it } from 'vitest';
import { OFFLINE_NOISE, useWorld, type Device, type World } from './harness';
import {
  createSharedConference,
  ideaItem,
  joinAtTable,
  joinThroughLink,
  openTable,
  sendIdea,
  type ShareLinks,
  waitForStatus
} from './flows';

const TITLE = 'Mitmach-Konferenz Waidhofen';
const TABLE = 'Regionale Lebensmittel';

let world: World;
let laptop: Device;
let phone: Device;
let links: ShareLinks;

useWorld(async (started) => {
  world = started;
  world.watch.allow(
    ...OFFLINE_NOISE,
    {
      pattern: /Not found: \/gibt\/es\/nicht/,
      reason: 'the router logs the address that leads nowhere'
    },
    {
      pattern: /Failed to load resource: the server responded with a status of 403/,
      reason: 'the access check of a revoked link and of an unknown code'
    },
    {
      pattern: /Failed to load resource: the server responded with a status of 404/,
      reason: 'a mistyped join code'
    }
  );
  laptop = await world.newDevice('laptop', 'laptop');
  phone = await world.newDevice('phone', 'phone');
  ({ links } = await createSharedConference(laptop.page, world.baseUrl, {
    title: TITLE,
    region: 'Waldviertel',
    venue: 'Stadtsaal Waidhofen an der Thaya',
    tables: [{ title: TABLE, question: 'Wie kommen Höfe und Küchen zusammen?' }]
  }));
});

describe('the first day', () => {
  it('names the conference on the join page, and asks viewers for no name', async () => {
    await phone.page.goto(links.participant);
    await phone.page.getByTestId('join-title').getByText(TITLE).waitFor();
    const facts = await phone.page.getByTestId('join-facts').innerText();
    expect(facts).toContain('Waldviertel');
    expect(facts).toContain('Stadtsaal Waidhofen an der Thaya');
    expect(await phone.page.title()).toBe(`Beitreten: ${TITLE} – Stadt Land Tisch`);
    await phone.page.getByLabel('Wie sollen andere dich sehen? (freiwillig)').fill('Theresa');
    await phone.page.getByRole('button', { name: 'Weiter zur Konferenz' }).click();
    await phone.page.waitForURL(/\/c\/[A-Za-z0-9_-]+$/);
    await phone.page.getByTestId('share-open').waitFor();

    const viewer = await world.newDevice('laptop', 'viewer');
    await viewer.page.goto(links.viewer ?? '');
    await viewer.page.getByTestId('join-title').getByText(TITLE).waitFor();
    await viewer.page.getByText('Du schaust nur zu.').waitFor();
    expect(await viewer.page.getByLabel(/Wie sollen andere dich sehen/).count()).toBe(0);
    await viewer.context.close();
  });

  it('says „Server nicht erreichbar“ while the network is up, and reconnects within 2 s of the network', async () => {
    await openTable(phone.page, TABLE);
    await waitForStatus(phone.page, 'saved');
    await world.stopRelay();
    await waitForStatus(phone.page, 'offline');
    const status = phone.page.getByTestId('connection-status');
    expect(await status.innerText()).toMatch(/^Server nicht erreichbar – die App funktioniert trotzdem/);
    await world.restartRelay();
    await waitForStatus(phone.page, 'saved', 20_000);

    await phone.context.setOffline(true);
    await waitForStatus(phone.page, 'offline');
    expect(await status.innerText()).toMatch(/^Offline – /);
    await sendIdea(phone.page, 'Gemeinsame Kühlzelle für die Höfe');
    await phone.page.getByTestId('pending-changes').waitFor();
    const back = Date.now();
    await phone.context.setOffline(false);
    await waitForStatus(phone.page, 'saved', 10_000);
    const ms = Date.now() - back;
    console.log(`saved ${ms} ms after the network returned`);
    expect(ms).toBeLessThan(2000);

    // The details on demand.
    await phone.page.getByRole('button', { name: 'Details zum Speichern anzeigen' }).click();
    const detail = phone.page.getByTestId('status-detail');
    await detail.getByText(/alles gesichert, zuletzt um/).waitFor();
    await detail.getByText('Dieses Gerät').waitFor();
  });

  it('lets a facilitator remove an idea after one question, and undo it', async () => {
    await openTable(laptop.page, TABLE);
    const idea = 'Gemeinsame Kühlzelle für die Höfe';
    await ideaItem(laptop.page, idea).waitFor();
    const card = laptop.page.getByTestId('idea-list').locator('li').filter({ hasText: idea });
    await card.getByTestId('idea-menu').click();
    await laptop.page.getByRole('menuitem', { name: 'Idee entfernen' }).click();
    const ask = laptop.page.getByRole('alertdialog', { name: 'Idee für alle entfernen?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Idee entfernen' }).click();
    await ideaItem(laptop.page, idea).waitFor({ state: 'detached' });
    await ideaItem(phone.page, idea).waitFor({ state: 'detached' });
    const toast = laptop.page.getByTestId('toast').filter({ hasText: 'Idee entfernt.' });
    await toast.getByRole('button', { name: 'Rückgängig' }).click();
    await ideaItem(laptop.page, idea).waitFor();
    await ideaItem(phone.page, idea).waitFor();
    // Participants' menu (they may make an action plan of an idea) has no removal.
    await phone.page.getByTestId('idea-menu').first().click();
    await phone.page.getByRole('menuitem', { name: /Aktionsplan/ }).waitFor();
    expect(await phone.page.getByRole('menuitem', { name: 'Idee entfernen' }).count()).toBe(0);
    await phone.page.keyboard.press('Escape');
  });

  it('puts the closed-round note where the input was, in view on a phone with many ideas', async () => {
    for (let i = 1; i <= 8; i++) await sendIdea(phone.page, `Idee Nummer ${i} für den Hofladen-Verbund`);
    await laptop.page.goto(`${world.baseUrl}${new URL(laptop.page.url()).pathname.replace(/\/t\/.*$/, '')}`);
    await laptop.page.getByTestId('lock-toggle').click();
    await laptop.page.getByRole('alertdialog').getByRole('button', { name: 'Für alle schließen' }).click();
    const note = phone.page.getByTestId('round-locked');
    await note.waitFor();
    const box = await note.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(844);
    await laptop.page.getByTestId('lock-toggle').click();
    await phone.page.getByTestId('idea-composer').waitFor();
  });

  it('removes a conference from this device, IndexedDB included, and keeps it on the server', async () => {
    await phone.page.goto(world.baseUrl);
    await phone.page.getByTestId('conference-card').waitFor();
    const dbsBefore = await phone.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(dbsBefore.some((n) => n?.startsWith('slt:'))).toBe(true);
    await phone.page.getByTestId('conference-menu').click();
    await phone.page.getByRole('menuitem', { name: 'Von diesem Gerät entfernen' }).click();
    const ask = phone.page.getByRole('alertdialog');
    await ask.getByText(/bleibt auf dem Server/).waitFor();
    await ask.getByRole('button', { name: 'Von diesem Gerät entfernen' }).click();
    await phone.page.getByText('Auf diesem Gerät ist noch keine Konferenz.').waitFor();
    const dbsAfter = await phone.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(dbsAfter.filter((n) => n?.startsWith('slt:'))).toEqual([]);
    // Joining again brings everything back from the server.
    await joinAtTable(phone.page, links.participant, TITLE, TABLE);
    await ideaItem(phone.page, 'Gemeinsame Kühlzelle für die Höfe').waitFor();
  });

  it('joins with the code alone, and says so when the server does not know a code', async () => {
    const other = await world.newDevice('phone', 'code only');
    await other.page.goto(world.baseUrl);
    await other.page.getByRole('button', { name: 'Mit Link oder Code beitreten' }).click();
    const field = other.page.getByLabel('Link oder Code aus der Einladung');
    await field.fill('p_AAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await other.page.getByRole('button', { name: 'Beitreten', exact: true }).click();
    await other.page.getByText('Diesen Zugangscode kennt der Server nicht.', { exact: false }).waitFor();
    await field.fill(` ${links.participant.split('#')[1] ?? ''} `);
    await other.page.getByRole('button', { name: 'Beitreten', exact: true }).click();
    await other.page.getByTestId('join-title').getByText(TITLE).waitFor();
    await other.context.close();
  });

  it('shows a join code on the projector that a phone types on the start page to join', async () => {
    const roomId = new URL(links.participant).pathname.split('/')[2] ?? '';
    await laptop.page.goto(`${world.baseUrl}/c/${roomId}/qr`);
    await laptop.page.getByTestId('joincode-make').click();
    const shown = await laptop.page.getByTestId('projector-code').innerText();
    expect(shown).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const other = await world.newDevice('phone', 'join code');
    await other.page.goto(world.baseUrl);
    await other.page.getByRole('button', { name: 'Mit Link oder Code beitreten' }).click();
    const field = other.page.getByLabel('Link oder Code aus der Einladung');
    await field.fill('acde fhjk');
    await other.page.getByRole('button', { name: 'Beitreten', exact: true }).click();
    await other.page.getByText('Diesen Code gibt es nicht (mehr).', { exact: false }).waitFor();
    await field.fill(` ${shown.toLowerCase().replace('-', ' ')} `);
    await other.page.getByRole('button', { name: 'Beitreten', exact: true }).click();
    await other.page.getByTestId('join-title').getByText(TITLE).waitFor();
    await other.context.close();
    await laptop.page.getByTestId('joincode-end').click();
    await laptop.page.getByTestId('projector-code').waitFor({ state: 'detached' });
    await laptop.page.goto(`${world.baseUrl}/c/${roomId}`);
    await laptop.page.getByRole('button', { name: 'Teilen' }).waitFor();
  });

  it('lets a facilitator revoke the participant link (a connected phone is told at once) and make a new one', async () => {
    await waitForStatus(phone.page, 'saved');
    await laptop.page.getByRole('button', { name: 'Teilen' }).click();
    const dialog = laptop.page.getByRole('dialog', { name: 'Konferenz teilen' });
    await dialog.getByTestId('link-revoke-participant').click();
    const ask = laptop.page.getByRole('alertdialog', { name: 'Link „Zum Mitmachen“ zurückziehen?' });
    await ask.getByText(/Verbundene Geräte werden sofort getrennt/).waitFor();
    await laptop.page.screenshot({ path: 'tests/e2e/screenshots/first-day-laptop-revoke-confirm.png' });
    await ask.getByRole('button', { name: 'Link zurückziehen' }).click();
    await dialog
      .getByTestId('link-outcome-participant')
      .getByText(/zurückgezogen/)
      .waitFor();
    await dialog.getByTestId('share-participant-missing').waitFor();
    expect(await dialog.locator('#link-participant').count()).toBe(0);

    // The phone's socket is closed by the relay and the page says why, well before the periodic re-check.
    await phone.page.getByText('Die Moderation hat diesen Link zurückgezogen.').waitFor({ timeout: 5000 });
    expect(await phone.page.getByTestId('connection-status').innerText()).toMatch(/^Kein Zugang mehr/);
    await phone.page.screenshot({ path: 'tests/e2e/screenshots/first-day-phone-revoked.png' });

    await dialog.getByTestId('link-create-participant').click();
    await dialog
      .getByTestId('link-outcome-participant')
      .getByText(/gilt ab sofort/)
      .waitFor();
    const fresh = await dialog.locator('#link-participant').inputValue();
    expect(fresh).not.toBe(links.participant);
    await laptop.page.screenshot({ path: 'tests/e2e/screenshots/first-day-laptop-new-link.png' });
    await dialog.getByRole('button', { name: 'Schließen' }).click();

    const late = await world.newDevice('phone', 'late arrival');
    await late.page.goto(links.participant);
    await late.page.getByText('Die Moderation hat diesen Link zurückgezogen.').waitFor();
    // The new link opened in the same tab (only the part after # differs) starts over.
    await joinThroughLink(late.page, fresh, TITLE);
    await late.context.close();
    links = { ...links, participant: fresh };
  });

  it('answers an unknown address in German with a way back, and names a refused link in the tab', async () => {
    await phone.page.goto(`${world.baseUrl}/gibt/es/nicht`);
    await phone.page.getByRole('heading', { level: 1, name: 'Diese Seite gibt es nicht' }).waitFor();
    expect(await phone.page.title()).toBe('Diese Seite gibt es nicht – Stadt Land Tisch');
    await phone.page.getByRole('link', { name: 'Meine Konferenzen' }).click();
    await phone.page.getByRole('heading', { level: 1, name: 'Meine Konferenzen' }).waitFor();
  });
});

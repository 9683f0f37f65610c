// The export page end to end: a facilitator's laptop holds a conference (a table, an idea, a plan with a
// dated step); with the network gone (relay stopped, browser offline) the page still makes the complete
// JSON export as a download: valid JSON of this format, the table, idea and plan in it, contacts announced.
// A participant's phone sees that no export carries contacts. Screenshots (phone, laptop) go to
// tests/e2e/screenshots/ when SCREENSHOTS=1.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAndShoot } from './a11y';
import { OFFLINE_NOISE, useWorld, type Device, type World } from './harness';
import { createSharedConference, joinThroughLink, openTable, sendIdea, waitForStatus } from './flows';

const TITLE = 'Mitmach-Konferenz Donauwörth';
const TABLE = 'Mobilität auf dem Land';
const IDEA = 'Ein Bürgerbus für die Ortsteile <b>jeden</b> Tag';

let world: World;
let laptop: Device;
let phone: Device;

useWorld(async (started) => {
  world = started;
  world.watch.allow(...OFFLINE_NOISE);
  laptop = await world.newDevice('laptop', 'facilitator');
  phone = await world.newDevice('phone', 'participant');
});

describe('export page', () => {
  it('downloads the complete JSON export with no network', async () => {
    const { roomId, links } = await createSharedConference(laptop.page, world.baseUrl, {
      title: TITLE,
      region: 'Donau-Ries',
      venue: 'Tanzhaus',
      tables: [{ title: TABLE, question: 'Wie kommen wir ohne Auto zum Arzt?', host: 'Mia' }]
    });
    await openTable(laptop.page, TABLE);
    await sendIdea(laptop.page, IDEA);
    await laptop.page.goto(`${world.baseUrl}/c/${roomId}/plans`);
    await laptop.page.getByTestId('plan-new-title').fill('Bürgerbus');
    await laptop.page.getByTestId('plan-create').click();
    await laptop.page.getByTestId('step-new-text').fill('Verein gründen');
    await laptop.page.getByTestId('step-new-due').fill('2027-05-01');
    await laptop.page.getByTestId('step-add').click();
    await laptop.page.getByTestId('step-list').getByText('Verein gründen', { exact: true }).waitFor();
    await waitForStatus(laptop.page, 'saved');

    await joinThroughLink(phone.page, links.participant, TITLE, 'Jonas');
    await phone.page.getByTestId('nav-export').click();
    await phone.page.getByTestId('export-json').waitFor();
    expect(await phone.page.getByTestId('export-contacts').textContent()).toContain(
      'Kontaktdaten sind in keinem Export'
    );
    await checkAndShoot(phone.page, 'export-phone');

    // Facilitators reach the exports from the report (one navigation entry for both).
    await laptop.page.getByTestId('nav-report').click();
    await laptop.page.getByTestId('report-export-link').click();
    await laptop.page.getByTestId('export-json').waitFor();
    expect(await laptop.page.getByTestId('nav-report').getAttribute('aria-current')).toBe('page');
    expect(await laptop.page.getByTestId('export-contacts').textContent()).toContain(
      'enthält die Kontaktdaten'
    );
    await checkAndShoot(laptop.page, 'export-laptop');

    await world.stopRelay();
    await laptop.context.setOffline(true);
    await waitForStatus(laptop.page, 'offline');
    const [download] = await Promise.all([
      laptop.page.waitForEvent('download'),
      laptop.page.getByTestId('export-json').click()
    ]);
    expect(download.suggestedFilename()).toBe('mitmach-konferenz-donauworth.json');
    const file = await download.path();
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      format: string;
      version: number;
      conference: { title: string };
      tables: { title: string; question: string }[];
      ideas: { text: string }[];
      plans: { title: string; steps: { text: string; due: string }[] }[];
      contacts?: unknown[];
    };
    expect(data.format).toBe('stadt-land-tisch/konferenz');
    expect(data.version).toBe(1);
    expect(data.conference.title).toBe(TITLE);
    expect(data.tables.map((t) => t.question)).toEqual(['Wie kommen wir ohne Auto zum Arzt?']);
    expect(data.ideas.map((i) => i.text)).toEqual([IDEA]);
    expect(data.plans[0]!.steps).toMatchObject([{ text: 'Verein gründen', due: '2027-05-01' }]);
    expect(data.contacts).toEqual([]);
    await laptop.page.getByRole('status').filter({ hasText: 'ist heruntergeladen' }).waitFor();
  });
});

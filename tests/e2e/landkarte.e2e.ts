// Die Landkarte in Chromium: an initiative added on a phone that is offline reaches a laptop's matrix and
// list once the phone is back online; a Marktplatz QR code (its link opened) on a second phone joins the
// conference, opens the initiative and says „Ich mache mit“, which the laptop then lists; a CSV file with
// broken rows is previewed row by row and only the valid rows are imported; an XSS payload as an
// initiative's name shows as text in every view and in the CSV and GeoJSON exports.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OFFLINE_NOISE, useWorld, type Device, type World } from './harness';
import {
  createConference,
  joinThroughLink,
  readShareLinks,
  serviceWorkerState,
  waitForStatus
} from './flows';

const TITLE = 'Mitmach-Konferenz Ravensburg';
const SOLAWI = 'Solawi Ravensburg';
const XSS = '<img src=x onerror="window.__xss=1">Dorfladen';

let world: World;
let laptop: Device;
let phone: Device;
let links: { participant: string };

useWorld(async (started) => {
  world = started;
  // The phone goes offline on purpose.
  world.watch.allow(...OFFLINE_NOISE);
  laptop = await world.newDevice('laptop', 'facilitator');
  phone = await world.newDevice('phone', 'participant');
});

async function openLandkarte(page: Page): Promise<void> {
  await page.getByTestId('nav-landkarte').click();
  await page.getByRole('heading', { level: 1, name: 'Landkarte der Initiativen' }).waitFor();
}

async function addInitiative(page: Page, name: string, extra: { place?: string; needs?: string } = {}) {
  await page.getByTestId('initiative-add').click();
  const dialog = page.getByTestId('initiative-dialog');
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('fehlt noch').check();
  await dialog.getByLabel('Landwirtschaft & Ernährung').check();
  if (extra.place) await dialog.getByLabel(/^Ort(?! suchen)/).fill(extra.place);
  if (extra.needs) await dialog.getByLabel(/^Wir suchen/).fill(extra.needs);
  await dialog.getByTestId('initiative-save').click();
  await dialog.waitFor({ state: 'hidden' });
}

const matrix = (page: Page) => page.getByTestId('gap-matrix');

async function showList(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^Liste/ }).click();
  await page.getByTestId('initiative-list').waitFor();
}

describe('die Landkarte', () => {
  it('an initiative added on an offline phone reaches the laptop matrix and list once online', async () => {
    await createConference(laptop.page, world.baseUrl, {
      title: TITLE,
      region: 'Landkreis Ravensburg',
      venue: 'Schwörsaal',
      tables: []
    });
    links = await readShareLinks(laptop.page);
    await openLandkarte(laptop.page);
    await laptop.page.getByTestId('landkarte-empty').waitFor();

    await joinThroughLink(phone.page, links.participant, TITLE, 'Sepp');
    // The service worker installs on the first visit and serves the app from the next load on.
    expect(await serviceWorkerState(phone.page)).toBe('activated');
    await phone.page.reload();
    await openLandkarte(phone.page);
    await waitForStatus(phone.page, 'saved');
    await phone.context.setOffline(true);
    await waitForStatus(phone.page, 'offline');
    await addInitiative(phone.page, SOLAWI, { place: 'Ravensburg', needs: 'Helfende für die Ernte' });
    // On a phone the matrix shows counts only: one in „fehlt noch“ of the field.
    const phoneRow = matrix(phone.page).locator('tbody tr', { hasText: 'Landwirtschaft & Ernährung' });
    await phoneRow.locator('td').nth(2).locator('.count').getByText('1', { exact: true }).waitFor();
    // Nothing reached the laptop while the phone was offline.
    expect(await matrix(laptop.page).getByRole('link', { name: SOLAWI }).count()).toBe(0);

    await phone.context.setOffline(false);
    await waitForStatus(phone.page, 'saved', 20_000);
    const row = matrix(laptop.page).locator('tbody tr', { hasText: 'Landwirtschaft & Ernährung' });
    await row.getByRole('link', { name: SOLAWI }).waitFor();
    // Counted in „fehlt noch“, the third column of counts.
    await expect(row.locator('td').nth(2).locator('.count').textContent()).resolves.toBe('1');

    await showList(laptop.page);
    const card = laptop.page.getByTestId('initiative-list').getByRole('link', { name: new RegExp(SOLAWI) });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('Helfende für die Ernte');
    await laptop.page.getByTestId('landkarte-search').fill('ernte');
    await expect(laptop.page.getByTestId('landkarte-count').textContent()).resolves.toContain('1 Initiative');
    await laptop.page.getByTestId('landkarte-search').fill('nichts dergleichen');
    await expect(laptop.page.getByTestId('landkarte-count').textContent()).resolves.toContain(
      '0 Initiativen'
    );
    await laptop.page.getByTestId('landkarte-search').fill('');
  });

  it('a Marktplatz QR code opened on a second phone joins and says „Ich mache mit“', async () => {
    const page = laptop.page;
    await page
      .getByTestId('initiative-list')
      .getByRole('link', { name: new RegExp(SOLAWI) })
      .click();
    await page.getByTestId('initiative-name').getByText(SOLAWI).waitFor();
    await page.getByTestId('initiative-poster').click();
    const poster = page.getByTestId('poster');
    await poster.locator('img').waitFor();
    const link = (await poster.getAttribute('data-link')) ?? '';
    expect(link).toMatch(/\/join\/[A-Za-z0-9_-]+\?i=[A-Za-z0-9_-]+#p_/);

    const second = await world.newDevice('phone', 'second phone');
    await second.page.goto(link);
    await second.page.getByTestId('join-form').waitFor();
    await second.page.getByLabel('Wie sollen andere dich sehen? (freiwillig)').fill('Vroni');
    await second.page.getByRole('button', { name: 'Weiter zur Konferenz' }).click();
    await second.page.getByTestId('initiative-name').getByText(SOLAWI).waitFor();
    await expect(second.page.getByLabel('Dein Name').inputValue()).resolves.toBe('Vroni');
    await second.page.getByTestId('support-join').click();
    await second.page.getByTestId('supporters-join').getByText('Vroni').waitFor();

    await page.getByRole('link', { name: new RegExp(`← ${SOLAWI}`) }).click();
    await page.getByTestId('supporters-join').getByText('Vroni').waitFor();
  });

  it('imports only the valid rows of a CSV file after showing every row with its errors', async () => {
    const page = laptop.page;
    await openLandkarte(page);
    await page.getByTestId('import-open').click();
    const csv =
      'Name;Status;Handlungsfelder;Ort;Breitengrad;Längengrad\n' +
      'Repair-Café Weingarten;besteht;Wirtschaft;Weingarten;47,81;9,64\n' +
      ';besteht;Energie;;;\n' +
      'Bürgerbus;vielleicht;Mobilität;Baienfurt;;\n' +
      'Energiegenossenschaft;geplant;Energie;Wangen;;\n';
    await page.getByTestId('csv-file').setInputFiles({
      name: 'initiativen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8')
    });
    const preview = page.getByTestId('csv-preview');
    await preview.getByText('2 Zeilen in Ordnung, 2 mit Fehlern', { exact: false }).waitFor();
    await preview.getByText('Bitte ausfüllen', { exact: false }).waitFor();
    await preview.getByText('(vielleicht)', { exact: false }).waitFor();
    await page.getByTestId('csv-confirm').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'hidden' });
    await showList(page);
    await page
      .getByTestId('initiative-list')
      .getByRole('link', { name: /Repair-Café Weingarten/ })
      .waitFor();
    await page
      .getByTestId('initiative-list')
      .getByRole('link', { name: /Energiegenossenschaft/ })
      .waitFor();
    expect(
      await page
        .getByTestId('initiative-list')
        .getByRole('link', { name: /Bürgerbus/ })
        .count()
    ).toBe(0);
    await expect(page.getByTestId('landkarte-count').textContent()).resolves.toContain('3 Initiativen');
  });

  it('shows an XSS payload as text in every view and export', async () => {
    await addInitiative(phone.page, XSS);
    const page = laptop.page;
    await page.getByTestId('initiative-list').getByText(XSS, { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Lücken-Matrix' }).click();
    await matrix(page).getByRole('link', { name: XSS }).click();
    await page.getByTestId('initiative-name').getByText(XSS, { exact: true }).waitFor();
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    await openLandkarte(page);
    const csv = await download(page, 'export-csv');
    expect(csv.startsWith('\uFEFF"Name";"Status"')).toBe(true);
    expect(csv).toContain(`"${XSS.replaceAll('"', '""')}"`);
    const geo = JSON.parse(await download(page, 'export-geojson')) as {
      features: { properties: { name: string } }[];
    };
    // Only initiatives with coordinates are features: the imported Repair-Café.
    expect(geo.features.map((f) => f.properties.name)).toEqual(['Repair-Café Weingarten']);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  });
});

async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return fs.readFileSync(path, 'utf8');
}

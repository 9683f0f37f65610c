// German screenshots of the main screens at phone (390×844) and laptop (1280×800) size, taken while a
// facilitator and a participant use one conference: start, conference, share dialog, table with ideas (read
// and while typing) and the offline state, and the share dialog of a laptop opened as localhost when the
// relay names LAN addresses. Files go to tests/e2e/screenshots/ (gitignored) as `<width>x<height>-<n>-<screen>.png`.
// Then the programme (phone, laptop, print, projector at 1920×1080 and 1280×720), a method card, the
// Werkzeugkasten and the Aktionspool.
// It asserts only that every screen renders (in German) without uncaught errors or console errors;
// it logs pages wider than the screen, for a person to look at.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OFFLINE_NOISE, useWorld, type Device, type World } from './harness';
import {
  createConference,
  joinThroughLink,
  openTable,
  readShareLinks,
  sendIdea,
  waitForStatus
} from './flows';

const OUT = path.resolve('tests/e2e/screenshots');
const TITLE = 'Mitmach-Konferenz Chiemgau';
const TABLE = 'Dorfladen in jedem Ort';

let world: World;
let laptop: Device;
let phone: Device;
const taken: string[] = [];

useWorld(async (started) => {
  mkdirSync(OUT, { recursive: true });
  world = started;
  // The last screens show both devices offline on purpose.
  world.watch.allow(...OFFLINE_NOISE);
  laptop = await world.newDevice('laptop', 'laptop');
  phone = await world.newDevice('phone', 'phone');
});

async function shot(page: Page, screen: string, fullPage = false, lang = 'de'): Promise<void> {
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
  expect((await page.locator('main').innerText()).trim().length).toBeGreaterThan(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) console.log(`${screen} at ${width}×${height}: ${overflow} px wider than the screen`);
  // A full-page shot of a scrolled page draws the sticky status bar where it was scrolled to.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  const file = path.join(OUT, `${width}x${height}-${taken.length + 1}-${screen}.png`);
  await page.screenshot({ path: file, fullPage });
  taken.push(file);
}

describe('screens at phone and laptop size', () => {
  it('renders start, conference, share dialog, table with ideas and the offline state', async () => {
    await laptop.page.goto(world.baseUrl);
    await laptop.page.getByText('Auf diesem Gerät ist noch keine Konferenz.').waitFor();
    await shot(laptop.page, 'start-empty');
    const freshPhone = await world.newDevice('phone', 'fresh phone');
    await freshPhone.page.goto(world.baseUrl);
    await freshPhone.page.getByText('Auf diesem Gerät ist noch keine Konferenz.').waitFor();
    await shot(freshPhone.page, 'start-empty');
    await freshPhone.context.close();

    await createConference(laptop.page, world.baseUrl, {
      title: TITLE,
      region: 'Chiemgau',
      venue: 'Kulturhalle Traunstein',
      tables: [
        {
          title: TABLE,
          question: 'Wie bekommen kleine Orte wieder einen Laden mit regionalen Lebensmitteln?',
          host: 'Maria Huber'
        },
        { title: 'Bürgerenergie', question: 'Wie erzeugen Menschen aus der Region gemeinsam Strom?' }
      ]
    });
    await waitForStatus(laptop.page, 'saved');
    await shot(laptop.page, 'conference', true);
    const links = await readShareLinks(laptop.page, true);
    await shot(laptop.page, 'share-dialog');
    await laptop.page.getByRole('dialog').getByRole('button', { name: 'Schließen' }).click();

    await joinThroughLink(phone.page, links.participant, TITLE, 'Anna');
    await waitForStatus(phone.page, 'saved');
    await shot(phone.page, 'conference');
    await readShareLinks(phone.page, true);
    await shot(phone.page, 'share-dialog');
    await phone.page.getByRole('dialog').getByRole('button', { name: 'Schließen' }).click();

    await openTable(phone.page, TABLE);
    await openTable(laptop.page, TABLE);
    for (const idea of [
      'Ein Dorfladen als Genossenschaft: alle im Ort können Anteile kaufen.',
      'Versorgungsautomat mit Milch, Eiern und Käse von den Höfen ringsum.',
      'Ehrenamtliche Lieferfahrten für ältere Menschen.'
    ]) {
      await sendIdea(phone.page, idea);
    }
    await waitForStatus(phone.page, 'saved');
    await laptop.page.getByTestId('idea-list').getByText('Ehrenamtliche Lieferfahrten').waitFor();
    // Someone reading the table (not typing): the idea field is one line.
    await phone.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await shot(phone.page, 'table-ideas');
    await shot(laptop.page, 'table-ideas');
    await phone.page.getByLabel('Deine Idee').fill('Ein Lastenrad für den Dorfladen');
    await shot(phone.page, 'table-typing');
    await phone.page.getByLabel('Deine Idee').fill('');

    await phone.context.setOffline(true);
    await laptop.context.setOffline(true);
    await waitForStatus(phone.page, 'offline');
    await waitForStatus(laptop.page, 'offline');
    await sendIdea(phone.page, 'Streuobstwiese am Ortsrand gemeinsam pflegen.');
    await phone.page.getByTestId('pending-changes').waitFor();
    await shot(phone.page, 'offline-pending');
    await shot(laptop.page, 'offline');
    await phone.context.setOffline(false);
    await laptop.context.setOffline(false);
    await waitForStatus(phone.page, 'saved', 20_000);
    await laptop.page.getByTestId('idea-list').getByText('Streuobstwiese').waitFor({ timeout: 20_000 });

    await phone.page.goto(world.baseUrl);
    await phone.page.getByTestId('conference-card').waitFor();
    await shot(phone.page, 'start');
    await laptop.page.goto(world.baseUrl);
    await laptop.page.getByTestId('conference-card').waitFor();
    await shot(laptop.page, 'start');

    // A laptop that opened the app as localhost: links go to the address the relay names (faked here, the
    // test relay listens on 127.0.0.1 only), with a choice between two.
    await laptop.page.route('**/api/info', (route) =>
      route.fulfill({ json: { lanUrls: ['http://192.168.178.23:8787', 'http://10.0.0.5:8787'] } })
    );
    await laptop.page.getByTestId('conference-card').click();
    await laptop.page.getByRole('button', { name: 'Teilen' }).click();
    await laptop.page.getByTestId('share-origin').waitFor();
    expect(await laptop.page.locator('#link-participant').inputValue()).toMatch(
      /^http:\/\/192\.168\.178\.23:8787\/join\//
    );
    await shot(laptop.page, 'share-dialog-lan');
    await laptop.page.unroute('**/api/info');

    expect(taken).toHaveLength(14);
  });

  it('renders the projector view at 1920×1080 and 1280×720, and the main screens in English', async () => {
    const roomPath = new URL(laptop.page.url()).pathname;
    for (const size of [
      { width: 1920, height: 1080 },
      { width: 1280, height: 720 }
    ]) {
      await laptop.page.setViewportSize(size);
      await laptop.page.goto(`${world.baseUrl}${roomPath}/qr`);
      await laptop.page.getByTestId('projector-link').waitFor();
      await shot(laptop.page, 'projector');
    }
    await laptop.page.setViewportSize({ width: 1280, height: 800 });
    for (const device of [laptop, phone]) {
      const page = device.page;
      await page.goto(world.baseUrl);
      await page.getByTestId('lang-switch').click();
      await page.getByTestId('conference-card').waitFor();
      await shot(page, 'start-en', false, 'en');
      await page.getByTestId('conference-card').click();
      await page.getByTestId('share-open').waitFor();
      await shot(page, 'conference-en', true, 'en');
      await page.getByTestId('table-list').getByRole('link').first().click();
      await page.getByTestId('idea-list').waitFor();
      await shot(page, 'table-en', false, 'en');
      await page.getByTestId('lang-switch').click();
    }
  });

  it('renders the Landkarte (matrix, list, initiative, poster, import, form) at phone, laptop and projector size', async () => {
    const roomPath = new URL(laptop.page.url()).pathname.replace(/\/t\/.*$/, '');
    const page = laptop.page;
    await page.goto(`${world.baseUrl}${roomPath}/landkarte`);
    await page.getByTestId('landkarte-empty').waitFor();
    await shot(page, 'landkarte-empty');
    await page.getByTestId('import-open').click();
    await page.getByTestId('csv-file').setInputFiles({
      name: 'initiativen-chiemgau.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(LANDKARTE_CSV, 'utf8')
    });
    await page.getByTestId('csv-preview').waitFor();
    await shot(page, 'landkarte-import-preview');
    await page.getByTestId('csv-confirm').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'hidden' });
    await page
      .getByTestId('gap-matrix')
      .getByRole('link', { name: 'Solidarische Landwirtschaft Traunstein' })
      .waitFor();
    await shot(page, 'landkarte-matrix', true);
    await page.getByRole('tab', { name: /^Liste/ }).click();
    await shot(page, 'landkarte-list');

    await phone.page.goto(`${world.baseUrl}${roomPath}/landkarte`);
    // Phones show a few names per cell (counts first): wait for the matrix to hold any initiative.
    await phone.page.locator('[data-testid="gap-matrix"] td a').first().waitFor({ state: 'attached' });
    await shot(phone.page, 'landkarte-matrix');
    await phone.page.getByRole('tab', { name: /^Liste/ }).click();
    await shot(phone.page, 'landkarte-list');
    await phone.page.getByTestId('initiative-add').click();
    await phone.page.getByTestId('initiative-form').waitFor();
    await shot(phone.page, 'landkarte-add-form');
    await phone.page.keyboard.press('Escape');
    await phone.page
      .getByTestId('initiative-list')
      .getByRole('link', { name: /Solidarische Landwirtschaft/ })
      .click();
    await phone.page.getByTestId('initiative-detail').waitFor();
    await phone.page.getByTestId('support-join').click();
    await phone.page.getByTestId('supporters-join').waitFor();
    await shot(phone.page, 'landkarte-initiative', true);

    await page
      .getByTestId('initiative-list')
      .getByRole('link', { name: /Solidarische Landwirtschaft/ })
      .click();
    await page.getByTestId('supporters-join').waitFor();
    await shot(page, 'landkarte-initiative', true);
    await page.getByTestId('initiative-poster').click();
    await page.getByTestId('poster').locator('img').waitFor();
    await shot(page, 'landkarte-poster', true);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${world.baseUrl}${roomPath}/landkarte`);
    await page.getByTestId('gap-matrix').waitFor();
    await shot(page, 'landkarte-matrix');
    await page.setViewportSize({ width: 1280, height: 800 });
    console.log(`screenshots:\n  ${taken.map((f) => path.relative(process.cwd(), f)).join('\n  ')}`);
  });

  it('renders the programme on phone, laptop, paper and projector, a method card and the pool', async () => {
    const roomPath = /^\/c\/[^/]+/.exec(new URL(laptop.page.url()).pathname)?.[0] ?? '';
    await laptop.page.goto(`${world.baseUrl}${roomPath}/programme`);
    await laptop.page.getByTestId('template-one-day').click();
    await laptop.page.getByTestId('programme-item').nth(10).waitFor();
    await laptop.page.getByRole('button', { name: 'Programm starten' }).click();
    await laptop.page.getByRole('button', { name: 'Nächster Punkt' }).click();
    await laptop.page.getByTestId('now-left').waitFor();
    await shot(laptop.page, 'programme', true);
    await laptop.page.emulateMedia({ media: 'print' });
    await shot(laptop.page, 'programme-print', true);
    await laptop.page.emulateMedia({ media: 'screen' });

    await phone.page.goto(`${world.baseUrl}${roomPath}`);
    await phone.page.getByTestId('now-title').getByText('Begrüßung').waitFor({ timeout: 15_000 });
    await shot(phone.page, 'conference-now');
    await phone.page.goto(`${world.baseUrl}${roomPath}/programme`);
    await phone.page.getByTestId('programme-item').nth(10).waitFor();
    await shot(phone.page, 'programme', true);

    for (const size of [
      { width: 1920, height: 1080 },
      { width: 1280, height: 720 }
    ]) {
      await laptop.page.setViewportSize(size);
      await laptop.page.goto(`${world.baseUrl}${roomPath}/programme/projector`);
      await laptop.page.getByTestId('now-title').waitFor();
      await shot(laptop.page, 'programme-projector');
    }
    await laptop.page.setViewportSize({ width: 1280, height: 800 });

    await laptop.page.goto(`${world.baseUrl}${roomPath}/toolkit`);
    await laptop.page.getByTestId('method-list').waitFor();
    await shot(laptop.page, 'toolkit', true);
    await phone.page.goto(`${world.baseUrl}${roomPath}/toolkit/world-cafe`);
    await phone.page.getByTestId('method-card').waitFor();
    await shot(phone.page, 'method-card', true);
    await laptop.page.goto(`${world.baseUrl}${roomPath}/toolkit/world-cafe`);
    await laptop.page.getByTestId('method-card').waitFor();
    await shot(laptop.page, 'method-card', true);

    await phone.page.goto(`${world.baseUrl}${roomPath}/pool`);
    await phone.page.getByTestId('pool-action').first().waitFor();
    await shot(phone.page, 'pool');
    await laptop.page.goto(`${world.baseUrl}${roomPath}/pool`);
    await laptop.page.getByTestId('pool-query').fill('Energie');
    await laptop.page
      .getByTestId('pool-results')
      .getByRole('heading', { name: 'Bürgerenergie-Genossenschaft' })
      .waitFor();
    await laptop.page.getByTestId('pool-action').first().locator('summary').click();
    await shot(laptop.page, 'pool-search');
    console.log(`screenshots:\n  ${taken.map((f) => path.relative(process.cwd(), f)).join('\n  ')}`);
  });
});

const LANDKARTE_CSV = [
  'Name;Status;Handlungsfelder;Ort;Breitengrad;Längengrad;Wir suchen;Wir bieten',
  'Solidarische Landwirtschaft Traunstein;besteht;Landwirtschaft & Ernährung;Traunstein;47,87;12,64;Mitglieder für die Ernteteilung;Gemüse für 120 Haushalte',
  'Chiemgauer Regiogeld;besteht;Wirtschaft;Prien am Chiemsee;47,86;12,35;Betriebe, die den Chiemgauer annehmen;Beratung für Regionalwährungen',
  'Bürgerenergie Chiemgau;besteht;Energie;Grassau;47,78;12,45;Dachflächen;Anteile an Solaranlagen',
  'Dorfladen Seeon;geplant;Landwirtschaft & Ernährung, Sozialer Zusammenhalt;Seeon-Seebruck;47,97;12,45;Räume und Genossenschaftsmitglieder;',
  'Mitfahrbänke im Achental;geplant;Mobilität;Schleching;;;Gemeinden, die mitmachen;Schilder und Erfahrung',
  'Carsharing auf dem Land;fehlt noch;Mobilität;;;;Ein Verein, der es trägt;',
  'Gemeinschaftliches Wohnen im Alter;fehlt noch;Bauen & Wohnen;;;;Grundstück und Architekt:innen;',
  'Repair-Café Trostberg;besteht;Wirtschaft, Sozialer Zusammenhalt;Trostberg;48,03;12,55;Ehrenamtliche mit Werkzeug;Reparaturen jeden ersten Samstag',
  ';besteht;Energie;;;;;'
].join('\n');

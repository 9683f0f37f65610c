// The Landkarte's map and network in Chromium: after one online visit (the service worker precaches the
// map's code and data), the map draws the country outlines, the region's uploaded outline and the
// initiatives' markers with the relay stopped and the browser offline, the place search finds Bozen,
// tapping the map in the initiative form sets coordinates, and the network shows one node per
// cooperating initiative. E2E_SHOTS=1 also saves screenshots (tests/e2e/screenshots/map-*).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUILD_DIR, OFFLINE_NOISE, useWorld, type Device, type World } from './harness';
import { createConference, serviceWorkerState, waitForStatus } from './flows';

const XSS = '<img src=x onerror=window.__xss=1>Tauschring';
const CSV = [
  'Name;Status;Ort;Breitengrad;Längengrad',
  'Solawi Ravensburg;besteht;Ravensburg;47,78;9,61',
  'Repair-Café Weingarten;geplant;Weingarten;47,81;9,64',
  'Dorfladen Baindt;fehlt noch;Baindt;47,84;9,66',
  'Foodsharing Wangen;besteht;Wangen im Allgäu;;',
  `${XSS};fehlt noch;Berg;47,74;9,55`
].join('\n');
const REGION = JSON.stringify({
  type: 'Feature',
  properties: { name: 'Schussental' },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [9.4, 47.65],
        [9.85, 47.65],
        [9.85, 47.95],
        [9.4, 47.95],
        [9.4, 47.65]
      ]
    ]
  }
});
const OUT = path.resolve('tests/e2e/screenshots');
/** A 1×1 PNG, the stand-in for every online map tile. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64'
);

let world: World;
let laptop: Device;
let roomPath = '';

useWorld(async (started) => {
  world = started;
  // The relay is stopped and the browser goes offline on purpose.
  world.watch.allow(...OFFLINE_NOISE);
  laptop = await world.newDevice('laptop', 'laptop');
});

/** With E2E_SHOTS set: screenshots at phone, projector and laptop size (the laptop's size stays). */
async function shot(page: Page, name: string, show = '[data-testid="region-map"]'): Promise<void> {
  if (!process.env.E2E_SHOTS) return;
  mkdirSync(OUT, { recursive: true });
  for (const [width, height] of [
    [390, 844],
    [1920, 1080],
    [1280, 800]
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(400);
    await page
      .locator(show)
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: path.join(OUT, `map-${width}x${height}-${name}.png`) });
  }
}

/** The built chunks holding Leaflet, d3-force and the gazetteer (found by their contents). */
function mapChunks(): string[] {
  const dir = path.join(BUILD_DIR, '_app/immutable/chunks');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .filter((f) => /leafletjs\.com|alphaDecay|Bolzano/.test(readFileSync(path.join(dir, f), 'utf8')));
}

const loadedScripts = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name.split('/').pop() ?? ''));

async function showTab(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

async function showMap(page: Page): Promise<void> {
  await showTab(page, /^Karte/);
  await page.locator('[data-testid="region-map"][data-ready="true"]').waitFor();
}

const markers = (page: Page) => page.locator('[data-testid="region-map"] path.map-marker');

async function cooperate(page: Page, from: string, to: string, kind: string): Promise<void> {
  await page
    .getByTestId('initiative-list')
    .getByRole('link', { name: new RegExp(from) })
    .click();
  await page.getByTestId('initiative-detail').waitFor();
  await page.getByLabel('Zusammenarbeit mit').selectOption({ label: to });
  await page.getByLabel('Art', { exact: true }).selectOption({ label: kind });
  await page.getByRole('button', { name: 'Zusammenarbeit eintragen' }).click();
  await page.getByTestId('cooperation-list').getByText(to).waitFor();
  await page.goBack();
  await showTab(page, /^Liste/);
}

describe('die Karte und das Netzwerk', () => {
  it('draws outlines, the region and markers, and lays out the cooperations', async () => {
    const page = laptop.page;
    const roomId = await createConference(page, world.baseUrl, {
      title: 'Mitmach-Konferenz Schussental',
      region: 'Schussental',
      venue: 'Schwörsaal',
      tables: []
    });
    roomPath = `/c/${roomId}`;
    await page.goto(`${world.baseUrl}${roomPath}/landkarte`);
    await page.getByTestId('gap-matrix').waitFor();
    // Neither the conference nor the Landkarte's first tab loads the map, the graph or the gazetteer.
    const heavy = mapChunks();
    expect(heavy.length).toBe(3);
    expect((await loadedScripts(page)).filter((f) => heavy.includes(f))).toEqual([]);
    await page.getByTestId('import-open').click();
    await page.getByTestId('csv-file').setInputFiles({
      name: 'initiativen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8')
    });
    await page.getByTestId('csv-confirm').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'hidden' });

    await showMap(page);
    // Germany, Austria, Switzerland, Italy and Liechtenstein drawn strongly, neighbours faintly.
    expect(await page.locator('[data-testid="region-map"] path.map-core').count()).toBe(5);
    await expect.poll(() => markers(page).count()).toBe(4);
    for (const [s, n] of [
      ['exists', 1],
      ['planned', 1],
      ['needed', 2]
    ] as const)
      expect(await page.locator(`path.map-marker.status-${s}`).count()).toBe(n);

    // A name with markup shows as text in the tooltip and the popup, and runs nothing.
    const needed = page.locator('path.map-marker.status-needed');
    const tips: string[] = [];
    for (let i = 0; i < 2; i++) {
      await needed.nth(i).hover();
      tips.push(await page.locator('.leaflet-tooltip').last().innerText());
    }
    expect([...tips].sort()).toEqual([XSS, 'Dorfladen Baindt']);
    await needed.nth(tips.indexOf(XSS)).click();
    expect(await page.locator('.map-popup strong').innerText()).toBe(XSS);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await page.locator('.leaflet-popup-close-button').click();
    await expect.poll(() => page.getByTestId('map-without-coords').innerText()).toMatch(/: 1$/);

    // By keyboard: Tab from the map reaches a marker (a named button), Enter opens its popup with the
    // focus on the link, Escape closes it and the focus is back on the marker.
    await page.getByTestId('region-map').focus();
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return `${el?.getAttribute('role') ?? el?.tagName}: ${el?.getAttribute('aria-label') ?? el?.textContent}`;
      });
    expect(await focused()).toMatch(/^button: .+ \((besteht|geplant|fehlt noch)\)$/);
    await page.keyboard.press('Enter');
    await page.locator('.map-popup').waitFor();
    expect(await focused()).toBe('A: Zur Initiative');
    await page.keyboard.press('Escape');
    await page.locator('.map-popup').waitFor({ state: 'detached' });
    expect(await focused()).toMatch(/^button: /);

    // Online tiles only when asked for, with attribution (served here by a stand-in for the tile server).
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    await laptop.context.route('https://tile.openstreetmap.org/**', (route) =>
      route.fulfill({ contentType: 'image/png', body: PNG })
    );
    await page.getByTestId('map-tiles').check();
    await page.locator('.leaflet-tile-loaded').first().waitFor();
    await page.locator('.leaflet-control-attribution').getByText('OpenStreetMap').waitFor();
    await page.getByTestId('map-tiles').uncheck();
    await expect.poll(() => page.locator('.leaflet-tile').count()).toBe(0);

    // A wrong file is refused with a German sentence; a polygon becomes the region's outline.
    const file = page.getByTestId('map-outline-file');
    await file.setInputFiles({
      name: 'punkte.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from('{"type":"Point","coordinates":[9,47]}')
    });
    await expect.poll(() => page.getByTestId('map-outline-error').innerText()).toMatch(/keine Fläche/);
    await file.setInputFiles({
      name: 'schussental.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(REGION)
    });
    await page.locator('path.map-region').waitFor();
    await page.getByTestId('map-outline-current').getByText('schussental').waitFor();

    // A marker's popup names the initiative and links to its page.
    await page.locator('path.map-marker.status-exists').click();
    await page.locator('.map-popup').getByText('Solawi Ravensburg').waitFor();
    await shot(page, 'online');
    await page.locator('.map-popup').getByRole('link', { name: 'Zur Initiative' }).click();
    await page.getByTestId('initiative-detail').getByText('Solawi Ravensburg').first().waitFor();
    await page.goBack();

    await showTab(page, /^Liste/);
    await cooperate(page, 'Solawi Ravensburg', 'Repair-Café Weingarten', 'arbeiten schon zusammen');
    await cooperate(page, 'Repair-Café Weingarten', 'Dorfladen Baindt', 'könnten zusammenarbeiten');
    await showTab(page, /^Netzwerk/);
    await page.getByTestId('network-graph').getByTestId('network-node').first().waitFor();
    const names = await page.getByTestId('network-node').allInnerTexts();
    expect(names.map((n) => n.split('\n')[0]!.trim()).sort()).toEqual([
      'Dorfladen Baindt',
      'Repair-Café Weingarten',
      'Solawi Ravensburg'
    ]);
    expect(await page.locator('line.edge.active').count()).toBe(1);
    expect(await page.locator('line.edge.possible').count()).toBe(1);
    expect(await page.getByTestId('network-list').getByRole('listitem').count()).toBe(2);
    await shot(page, 'network', '[data-testid="network-graph"]');
  });

  it('works with the relay stopped and the browser offline: map, place search, tap-to-place', async () => {
    const page = laptop.page;
    expect(await serviceWorkerState(page)).toBe('activated');
    await page.goto(`${world.baseUrl}${roomPath}/landkarte?view=map`);
    await waitForStatus(page, 'saved');
    await world.stopRelay();
    await laptop.context.setOffline(true);
    await page.reload();
    await page.locator('[data-testid="region-map"][data-ready="true"]').waitFor();
    expect(await page.locator('[data-testid="region-map"] path.map-core').count()).toBe(5);
    await page.locator('path.map-region').waitFor();
    await expect.poll(() => markers(page).count()).toBe(4);
    await page.getByTestId('map-offline').waitFor();
    // No tiles were asked for: no broken images.
    expect(await page.locator('.leaflet-tile').count()).toBe(0);

    await page.getByLabel('Ort suchen').fill('Bozen');
    const result = page.getByRole('button', { name: 'Bozen wählen' });
    await result.waitFor();
    await shot(page, 'offline-search');
    await result.click();

    await page.getByTestId('initiative-add').click();
    const form = page.getByTestId('initiative-form');
    await form.getByLabel('Ort suchen').fill('Ravensburg');
    await form.getByRole('button', { name: 'Ravensburg wählen' }).click();
    expect(await form.getByLabel(/^Ort(?! suchen)/).inputValue()).toBe('Ravensburg');
    expect(Number(await form.getByLabel(/^Breitengrad/).inputValue())).toBeCloseTo(47.78, 1);
    await form.getByTestId('map-pick').click();
    const map = form.locator('[data-testid="region-map"][data-ready="true"]');
    await map.waitFor();
    const box = (await map.boundingBox())!;
    // The map opens on the coordinates found (Ravensburg, 47.78 / 9.61, zoom 12): tap south-east of them.
    await map.click({ position: { x: box.width / 2 + 40, y: box.height / 2 + 30 } });
    await expect
      .poll(async () => Number(await form.getByLabel(/^Breitengrad/).inputValue()))
      .toBeLessThan(47.78);
    const lat = Number(await form.getByLabel(/^Breitengrad/).inputValue());
    const lon = Number(await form.getByLabel(/^Längengrad/).inputValue());
    expect(lat).toBeGreaterThan(47.7);
    expect(lon).toBeGreaterThan(9.612);
    expect(lon).toBeLessThan(9.7);
    await form.getByTestId('map-picked').waitFor();
    await shot(page, 'offline-pick');
    await laptop.context.setOffline(false);
    await world.restartRelay();
  });
});

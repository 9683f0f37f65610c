// Every screen and dialog through axe-core at phone and laptop size, in German and in English: no serious
// or critical violation, and no German UI text on an English page (a11y.ts). A new screen is one line in
// SCREENS: a name, whose device it needs, and how to get there (by address and test id, so it works in
// both languages).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkScreen } from './a11y';
import { useWorld, type Device, type DeviceKind, type World } from './harness';
import { createConference, readShareLinks, sendIdea, openTable, joinThroughLink } from './flows';

interface Place {
  world: World;
  roomId: string;
  tableHref: string;
  participantLink: string;
  initiativeHref: string;
}

type Who = 'facilitator' | 'participant';
interface Screen {
  name: string;
  who: Who;
  open: (page: Page, at: Place) => Promise<unknown>;
}

const conference = (page: Page, at: Place) => go(page, `${at.world.baseUrl}/c/${at.roomId}`, 'share-open');
const tablePage = (page: Page, at: Place) => go(page, at.world.baseUrl + at.tableHref, 'idea-list');
const landkarte = (page: Page, at: Place) =>
  go(page, `${at.world.baseUrl}/c/${at.roomId}/landkarte`, 'gap-matrix');
const initiative = (page: Page, at: Place) =>
  go(page, at.world.baseUrl + at.initiativeHref, 'initiative-detail');
const dialog = (page: Page) => page.getByRole('dialog').or(page.getByRole('alertdialog')).waitFor();
const click = (page: Page, testid: string) => page.getByTestId(testid).first().click();

/** The programme page; a facilitator's first visit fills it from the one-day template (in the page's language). */
async function programme(page: Page, at: Place): Promise<void> {
  await go(page, `${at.world.baseUrl}/c/${at.roomId}/programme`, 'programme-page');
  const template = page.getByTestId('template-one-day');
  if (await template.count()) await template.click();
  await page.getByTestId('programme-item').first().waitFor();
}

/** The table page with one of its views (tabs) open: the clusters or the vote. */
const TAB_NAMES = { clusters: /^Cluster/, vote: /^(Bewerten|Vote)/, harvest: /^(Ernte|Harvest)/ };
async function tableTab(page: Page, at: Place, tab: keyof typeof TAB_NAMES, testid: string): Promise<void> {
  // The idea input shows only beside the ideas, and an open vote opens its tab: wait for the tabs.
  await page.goto(at.world.baseUrl + at.tableHref);
  await page.getByRole('tab', { name: TAB_NAMES[tab] }).click();
  await page.getByTestId(testid).first().waitFor();
}

/** A plan's page; the first visit makes one from the plans page. */
async function plan(page: Page, at: Place): Promise<void> {
  await go(page, `${at.world.baseUrl}/c/${at.roomId}/plans`, 'plan-ical-all');
  await page.getByTestId('plan-create').or(page.getByTestId('plan-card')).first().waitFor();
  if ((await page.getByTestId('plan-card').count()) === 0) {
    await page.getByTestId('plan-new-title').fill('Solardächer');
    await click(page, 'plan-create');
  } else {
    await page.getByTestId('plan-card').first().getByRole('link').click();
  }
  await page.getByTestId('plan-title').waitFor();
}

async function go(page: Page, url: string, testid: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId(testid).first().waitFor();
}

// prettier-ignore
const SCREENS: Screen[] = [
  { name: 'start with a conference', who: 'facilitator', open: (p, at) => go(p, at.world.baseUrl, 'conference-card') },
  { name: 'new conference form', who: 'facilitator', open: async (p, at) => { await go(p, at.world.baseUrl, 'new-conference'); await click(p, 'new-conference'); } },
  { name: 'conference', who: 'facilitator', open: conference },
  { name: 'share dialog', who: 'facilitator', open: async (p, at) => { await conference(p, at); await click(p, 'share-open'); await p.getByTestId('share-participant').locator('img').waitFor(); } },
  { name: 'revoke link', who: 'facilitator', open: async (p, at) => { await conference(p, at); await click(p, 'share-open'); await click(p, 'link-revoke-viewer'); await p.getByTestId('link-revoke-confirm-viewer').waitFor(); } },
  { name: 'edit details', who: 'facilitator', open: async (p, at) => { await conference(p, at); await click(p, 'info-edit'); } },
  { name: 'add table', who: 'facilitator', open: async (p, at) => { await conference(p, at); await click(p, 'table-add'); } },
  { name: 'remove field', who: 'facilitator', open: async (p, at) => { await conference(p, at); await click(p, 'field-remove'); await dialog(p); } },
  { name: 'close round', who: 'facilitator', open: async (p, at) => { await conference(p, at); await click(p, 'lock-toggle'); await dialog(p); } },
  { name: 'table', who: 'facilitator', open: tablePage },
  { name: 'table timer running', who: 'facilitator', open: async (p, at) => { await tablePage(p, at); await click(p, 'timer-start-5'); await p.getByTestId('timer-remaining').waitFor(); } },
  { name: 'table projector', who: 'facilitator', open: (p, at) => go(p, `${at.world.baseUrl}${at.tableHref}/projector`, 'table-projector') },
  { name: 'edit table', who: 'facilitator', open: async (p, at) => { await tablePage(p, at); await click(p, 'table-edit'); } },
  { name: 'remove table', who: 'facilitator', open: async (p, at) => { await tablePage(p, at); await click(p, 'table-edit'); await click(p, 'table-remove'); await dialog(p); } },
  { name: 'status details', who: 'facilitator', open: async (p, at) => { await conference(p, at); await click(p, 'status-details-toggle'); await p.getByTestId('status-detail').waitFor(); } },
  { name: 'reveal sealed ideas', who: 'facilitator', open: async (p, at) => { await tablePage(p, at); if ((await p.getByTestId('sealed-count').count()) === 0) { await click(p, 'sealed-toggle'); await p.getByTestId('sealed-count').waitFor(); } await click(p, 'sealed-toggle'); await dialog(p); } },
  { name: 'moderation notes', who: 'facilitator', open: async (p, at) => { await tablePage(p, at); await p.getByTestId('moderation-notes').locator('summary').click(); await p.getByTestId('moderation-note-text').waitFor(); } },
  { name: 'hide idea', who: 'facilitator', open: async (p, at) => { await tablePage(p, at); await click(p, 'idea-menu'); await click(p, 'idea-hide'); await dialog(p); } },
  { name: 'edit own idea', who: 'facilitator', open: async (p, at) => { await tablePage(p, at); await click(p, 'idea-menu'); await click(p, 'idea-edit'); await dialog(p); } },
  { name: 'remove idea', who: 'facilitator', open: async (p, at) => { await tablePage(p, at); await click(p, 'idea-menu'); await click(p, 'idea-remove'); await dialog(p); } },
  { name: 'remove from device', who: 'facilitator', open: async (p, at) => { await go(p, at.world.baseUrl, 'conference-card'); await click(p, 'conference-menu'); await click(p, 'conference-forget'); await dialog(p); } },
  { name: 'projector', who: 'facilitator', open: (p, at) => go(p, `${at.world.baseUrl}/c/${at.roomId}/qr`, 'projector-link') },
  { name: 'projector with join code', who: 'facilitator', open: async (p, at) => { await go(p, `${at.world.baseUrl}/c/${at.roomId}/qr`, 'joincode-make'); await click(p, 'joincode-make'); await p.getByTestId('projector-code').waitFor(); } },
  { name: 'save conference file', who: 'facilitator', open: async (p, at) => { await conference(p, at); await click(p, 'file-export-open'); await p.getByTestId('file-level-participant').waitFor(); } },
  { name: 'open conference file (refused)', who: 'facilitator', open: async (p, at) => { await go(p, at.world.baseUrl, 'file-open-show'); await click(p, 'file-open-show'); await p.getByTestId('file-open-input').setInputFiles({ name: 'x.slt.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"stadt-land-tisch/conference-file","version":1,"docs":{') }); await p.getByTestId('file-open-error').waitFor(); } },
  { name: 'page not found', who: 'facilitator', open: (p, at) => go(p, `${at.world.baseUrl}/no/such/page`, 'error-page') },
  { name: 'refused link', who: 'facilitator', open: (p, at) => go(p, `${at.world.baseUrl}/join/${at.roomId}#p_${'x'.repeat(30)}`, 'refusal') },
  { name: 'programme', who: 'facilitator', open: programme },
  { name: 'add programme item', who: 'facilitator', open: async (p, at) => { await programme(p, at); await click(p, 'item-add'); await p.getByTestId('item-form').waitFor(); } },
  { name: 'edit programme item', who: 'facilitator', open: async (p, at) => { await programme(p, at); await click(p, 'item-edit'); await p.getByTestId('item-form').waitFor(); } },
  { name: 'programme projector', who: 'facilitator', open: (p, at) => go(p, `${at.world.baseUrl}/c/${at.roomId}/programme/projector`, 'programme-wall') },
  { name: 'toolkit', who: 'facilitator', open: (p, at) => go(p, `${at.world.baseUrl}/c/${at.roomId}/toolkit`, 'method-list') },
  { name: 'method card', who: 'facilitator', open: (p, at) => go(p, `${at.world.baseUrl}/c/${at.roomId}/toolkit/world-cafe`, 'method-card') },
  { name: 'action pool', who: 'facilitator', open: (p, at) => go(p, `${at.world.baseUrl}/c/${at.roomId}/pool`, 'pool-action') },
  { name: 'add own action', who: 'facilitator', open: async (p, at) => { await go(p, `${at.world.baseUrl}/c/${at.roomId}/pool`, 'pool-action'); await click(p, 'pool-add'); await p.getByTestId('pool-form').waitFor(); } },
  { name: 'conference (participant)', who: 'participant', open: conference },
  { name: 'programme (participant)', who: 'participant', open: programme },
  { name: 'action pool (participant)', who: 'participant', open: (p, at) => go(p, `${at.world.baseUrl}/c/${at.roomId}/pool`, 'pool-action') },
  { name: 'landkarte matrix', who: 'facilitator', open: landkarte },
  { name: 'landkarte list', who: 'facilitator', open: async (p, at) => { await landkarte(p, at); await p.getByRole('tab').nth(1).click(); await p.getByTestId('initiative-list').waitFor(); } },
  { name: 'add initiative', who: 'facilitator', open: async (p, at) => { await landkarte(p, at); await click(p, 'initiative-add'); await p.getByTestId('initiative-form').waitFor(); } },
  { name: 'import initiatives', who: 'facilitator', open: async (p, at) => { await landkarte(p, at); await click(p, 'import-open'); await p.getByTestId('csv-file').setInputFiles({ name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from('Name;Status\nRepair-Café;besteht\n;x\n') }); await p.getByTestId('csv-preview').waitFor(); } },
  { name: 'initiative', who: 'facilitator', open: initiative },
  { name: 'complete initiative', who: 'facilitator', open: async (p, at) => { await initiative(p, at); await click(p, 'initiative-edit'); await p.getByTestId('initiative-form').waitFor(); } },
  { name: 'stand poster', who: 'facilitator', open: async (p, at) => { await initiative(p, at); await click(p, 'initiative-poster'); await p.getByTestId('poster').locator('img').waitFor(); } },
  { name: 'landkarte map', who: 'facilitator', open: async (p, at) => { await landkarte(p, at); await p.getByRole('tab').nth(2).click(); await p.locator('[data-testid="region-map"][data-ready="true"]').waitFor(); } },
  { name: 'landkarte network', who: 'participant', open: async (p, at) => { await landkarte(p, at); await p.getByRole('tab').nth(3).click(); await p.getByTestId('network').waitFor(); } },
  { name: 'landkarte (participant)', who: 'participant', open: landkarte },
  { name: 'initiative (participant)', who: 'participant', open: async (p, at) => { await initiative(p, at); await click(p, 'support-help'); await p.getByTestId('supporters-help').waitFor(); } },
  { name: 'table (participant)', who: 'participant', open: tablePage },
  { name: 'cluster board', who: 'facilitator', open: (p, at) => tableTab(p, at, 'clusters', 'cluster-board') },
  { name: 'new cluster', who: 'facilitator', open: async (p, at) => { await tableTab(p, at, 'clusters', 'cluster-board'); await click(p, 'cluster-new'); await dialog(p); } },
  { name: 'move to cluster', who: 'facilitator', open: async (p, at) => { await tableTab(p, at, 'clusters', 'cluster-board'); await p.getByTestId('cluster-pick').first().check(); await click(p, 'cluster-move'); await dialog(p); } },
  { name: 'dissolve cluster', who: 'facilitator', open: async (p, at) => { await tableTab(p, at, 'clusters', 'cluster-board'); await click(p, 'cluster-new'); await p.getByTestId('cluster-name').fill('Solar'); await click(p, 'cluster-name-save'); await click(p, 'cluster-menu'); await click(p, 'cluster-dissolve'); await dialog(p); } },
  { name: 'clusters (participant)', who: 'participant', open: (p, at) => tableTab(p, at, 'clusters', 'cluster-list') },
  { name: 'vote setup', who: 'facilitator', open: (p, at) => tableTab(p, at, 'vote', 'vote-setup') },
  { name: 'vote running', who: 'facilitator', open: async (p, at) => { await tableTab(p, at, 'vote', 'vote-setup'); await click(p, 'vote-start'); await p.getByTestId('vote-admin').waitFor(); } },
  { name: 'vote (participant)', who: 'participant', open: async (p, at) => { await tableTab(p, at, 'vote', 'vote-ballot'); await click(p, 'vote-plus'); await p.getByTestId('vote-points').filter({ hasText: '1' }).first().waitFor(); } },
  { name: 'vote result', who: 'facilitator', open: async (p, at) => { await tableTab(p, at, 'vote', 'vote-admin'); await click(p, 'vote-close'); await click(p, 'vote-reveal'); await p.getByTestId('vote-chart').waitFor(); } },
  { name: 'vote result (participant)', who: 'participant', open: (p, at) => tableTab(p, at, 'vote', 'vote-chart') },
  { name: 'table harvest', who: 'facilitator', open: (p, at) => tableTab(p, at, 'harvest', 'table-harvest') },
  { name: 'action plans', who: 'facilitator', open: async (p, at) => { await plan(p, at); await go(p, `${at.world.baseUrl}/c/${at.roomId}/plans`, 'plan-card'); } },
  { name: 'action plan', who: 'facilitator', open: plan },
  { name: 'plan link', who: 'facilitator', open: async (p, at) => { await plan(p, at); await click(p, 'plan-link-open'); await click(p, 'plan-link-make'); await p.locator('#link-plan-link').waitFor(); } },
  { name: 'keep conference-day state', who: 'facilitator', open: async (p, at) => { await go(p, `${at.world.baseUrl}/c/${at.roomId}/plans`, 'plan-mark-end'); await click(p, 'plan-mark-end'); await dialog(p); } },
  { name: 'action plan (participant)', who: 'participant', open: plan },
  { name: 'export', who: 'facilitator', open: (p, at) => go(p, `${at.world.baseUrl}/c/${at.roomId}/export`, 'export-json') },
  { name: 'harvest plenary', who: 'participant', open: (p, at) => go(p, `${at.world.baseUrl}/c/${at.roomId}/ernte`, 'plenary-table') },
  { name: 'harvest projector', who: 'facilitator', open: (p, at) => go(p, `${at.world.baseUrl}/c/${at.roomId}/ernte/projector`, 'harvest-wall') },
  { name: 'report', who: 'facilitator', open: (p, at) => go(p, `${at.world.baseUrl}/c/${at.roomId}/bericht`, 'report') },
  { name: 'delete on the server', who: 'facilitator', open: async (p, at) => { await conference(p, at); await click(p, 'delete-relay-open'); await dialog(p); } },
  { name: 'delete my details', who: 'participant', open: async (p, at) => { await conference(p, at); await click(p, 'forget-me-open'); await dialog(p); } }
];

let world: World;
useWorld((started) => {
  world = started;
  world.watch.allow(
    { pattern: /Not found: \/no\/such\/page/, reason: 'the router logs the address that leads nowhere' },
    {
      pattern: /status of 403 \(Forbidden\)/,
      reason: 'the relay refuses the wrong token of the refused link'
    }
  );
});

/**
 * A device whose screens are checked at rest: it asks for reduced motion, so the app's transitions are off
 * (global.css) and axe never reads a colour halfway through a fade (on a loaded machine it did).
 */
async function atRest(kind: DeviceKind, label: string): Promise<Device> {
  const device = await world.newDevice(kind, label);
  await device.page.emulateMedia({ reducedMotion: 'reduce' });
  return device;
}

async function toEnglish(page: Page): Promise<void> {
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
}

/** A conference with a table and an idea, made by a facilitator device; a participant joined it. */
async function prepare(
  kind: DeviceKind,
  english: boolean
): Promise<{ devices: Record<Who, Device>; at: Place }> {
  const facilitator = await atRest(kind, `${kind} facilitator`);
  const roomId = await createConference(facilitator.page, world.baseUrl, {
    title: 'Mitmach-Konferenz Lindau',
    region: 'Lindau',
    venue: 'Inselhalle',
    tables: [{ title: 'Bürgerenergie', question: 'Wie erzeugen wir Strom gemeinsam?', host: 'Ina' }]
  });
  const { participant: participantLink } = await readShareLinks(facilitator.page);
  await openTable(facilitator.page, 'Bürgerenergie');
  await sendIdea(facilitator.page, 'Solardächer auf allen Schulen');
  const tableHref = new URL(facilitator.page.url()).pathname;
  await facilitator.page.goto(`${world.baseUrl}/c/${roomId}/landkarte`);
  await facilitator.page.getByTestId('initiative-add').click();
  await facilitator.page
    .getByTestId('initiative-form')
    .getByLabel('Name', { exact: true })
    .fill('Repair-Café Lindau');
  await facilitator.page
    .getByTestId('initiative-form')
    .getByLabel(/^Wir suchen/)
    .fill('Werkzeug');
  await facilitator.page.getByTestId('initiative-save').click();
  await facilitator.page.getByRole('tab').nth(1).click();
  await facilitator.page
    .getByTestId('initiative-list')
    .getByRole('link', { name: /Repair-Café Lindau/ })
    .click();
  await facilitator.page.getByTestId('initiative-detail').waitFor();
  const initiativeHref = new URL(facilitator.page.url()).pathname;
  const participant = await atRest(kind, `${kind} participant`);
  await joinThroughLink(participant.page, participantLink, 'Mitmach-Konferenz Lindau', 'Anna');
  if (english) {
    await toEnglish(facilitator.page);
    await toEnglish(participant.page);
  }
  return {
    devices: { facilitator, participant },
    at: { world, roomId, tableHref, participantLink, initiativeHref }
  };
}

describe('the screen check itself', () => {
  it('fails on an unnamed button, on AA-only contrast on a beamer and on German text in English', async () => {
    const device = await world.newDevice('laptop', 'check');
    await device.page.goto(world.baseUrl);
    await device.page.getByTestId('new-conference').waitFor();
    await device.page.evaluate(() => {
      document.querySelector('main')?.insertAdjacentHTML('beforeend', '<button id="unnamed"></button>');
    });
    await expect(checkScreen(device.page, 'broken')).rejects.toThrow(/critical button-name/);
    await device.page.evaluate(() => document.getElementById('unnamed')?.remove());
    // Grey text at 4.6:1 passes AA but not the AAA a beamer screen must reach.
    await device.page.evaluate(() => {
      document
        .querySelector('main')
        ?.insertAdjacentHTML('beforeend', '<p id="grey" style="color:#747474;background:#fff">Grau</p>');
    });
    await checkScreen(device.page, 'grey');
    await expect(checkScreen(device.page, 'grey', { beamer: true })).rejects.toThrow(
      /serious color-contrast-enhanced/
    );
    await device.page.evaluate(() => document.getElementById('grey')?.remove());
    await toEnglish(device.page);
    await checkScreen(device.page, 'start', { english: true });
    await device.page.evaluate(() => {
      document.querySelector('main')?.insertAdjacentHTML('beforeend', '<p>Neue Konferenz anlegen</p>');
    });
    await expect(checkScreen(device.page, 'start', { english: true })).rejects.toThrow(/German text/);
    await device.context.close();
  });
});

/** Every screen of SCREENS, plus the join page of a fresh device, on one device kind in one language. */
async function checkEveryScreen(kind: DeviceKind, english: boolean): Promise<string[]> {
  const { devices, at } = await prepare(kind, english);
  // The join page of a fresh device, before it knows the conference.
  const fresh = await atRest(kind, `${kind} fresh`);
  await fresh.page.goto(world.baseUrl);
  if (english) await toEnglish(fresh.page);
  await fresh.page.goto(at.participantLink);
  await fresh.page.getByTestId('join-form').or(fresh.page.locator('#join-name')).first().waitFor();
  const failures: string[] = [];
  await checkScreen(fresh.page, 'join', { english }).catch((e: Error) =>
    failures.push(`${kind}: ${e.message}`)
  );
  const times: string[] = [];
  // A11Y_ONLY=<regex> checks only the screens whose name matches (while working on a screen).
  const only = process.env.A11Y_ONLY ? new RegExp(process.env.A11Y_ONLY) : null;
  for (const screen of SCREENS.filter((s) => !only || only.test(s.name))) {
    const page = devices[screen.who].page;
    const t0 = Date.now();
    await screen.open(page, at);
    const t1 = Date.now();
    await checkScreen(page, screen.name, { english }).catch((e: Error) =>
      failures.push(`${kind}: ${e.message}`)
    );
    times.push(`${screen.name} ${t1 - t0}+${Date.now() - t1}`);
    await page.keyboard.press('Escape');
  }
  console.log(`${kind}: ${times.join(', ')}`);
  for (const d of [...Object.values(devices), fresh]) await d.context.close();
  return failures;
}

describe('accessibility and language of every screen', () => {
  // Phone and laptop run side by side (separate browser contexts and conferences): the suite's longest file
  // (~130 s per language on a quiet 2-CPU machine with axe in legacy mode; the timeout leaves room for a
  // slower one).
  for (const english of [false, true]) {
    it(`phone and laptop, ${english ? 'English' : 'German'}`, { timeout: 900_000 }, async () => {
      const failures = (
        await Promise.all((['phone', 'laptop'] as const).map((kind) => checkEveryScreen(kind, english)))
      ).flat();
      if (failures.length > 0) throw new Error(failures.join('\n'));
    });
  }
});

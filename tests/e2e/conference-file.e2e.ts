// The conference file in Chromium: a facilitator saves a participant-level file of a conference with ideas
// („Konferenz-Datei sichern“); a fresh phone that only ever loaded the app opens it with the relay stopped
// and no network at all („Konferenz-Datei öffnen“), after a damaged copy was refused with nothing changed,
// and sees the conference with its table and ideas as a participant.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/relay';
import { OFFLINE_NOISE, useWorld, type Device, type World } from './harness';
import { createConference, ideaItem, openTable, sendIdea, serviceWorkerState, waitForStatus } from './flows';

const TITLE = 'Mitmach-Konferenz Oberallgäu';
const TABLE = 'Mobilität';
const IDEAS = ['Rufbus für die Dörfer', 'Mitfahrbänke an jeder Kirche'];

let world: World;
let facilitator: Device;
let phone: Device;
const dir = makeTempDir('slt-file-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
// Screenshots for a person to look at (tests/e2e/screenshots/ is gitignored).
const SHOTS = path.resolve('tests/e2e/screenshots');
async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize();
  await page.screenshot({ path: path.join(SHOTS, `${size?.width}x${size?.height}-file-${name}.png`) });
}

useWorld(async (started) => {
  world = started;
  // This file stops the relay and takes the phone offline on purpose.
  world.watch.allow(...OFFLINE_NOISE);
  facilitator = await world.newDevice('laptop', 'facilitator');
  phone = await world.newDevice('phone', 'phone');
});

describe('the conference file', () => {
  let saved = '';

  it('is saved on the facilitator laptop at participant level', async () => {
    await createConference(facilitator.page, world.baseUrl, {
      title: TITLE,
      region: 'Oberallgäu',
      venue: 'Stadthalle Sonthofen',
      tables: [{ title: TABLE, question: 'Wie kommen wir ohne Auto hin?' }]
    });
    const conferenceUrl = facilitator.page.url();
    await openTable(facilitator.page, TABLE);
    for (const idea of IDEAS) await sendIdea(facilitator.page, idea);
    await waitForStatus(facilitator.page, 'saved');
    await facilitator.page.goto(conferenceUrl);

    const page = facilitator.page;
    await page.getByRole('button', { name: 'Konferenz-Datei sichern' }).click();
    const dialog = page.getByRole('dialog', { name: 'Konferenz-Datei sichern' });
    await dialog.waitFor();
    // Every level this device can give; participants' is chosen first.
    await expect(dialog.getByRole('radio').count()).resolves.toBe(3);
    await expect(dialog.getByTestId('file-level-participant').isChecked()).resolves.toBe(true);
    await shot(page, 'export-dialog');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Datei sichern' }).click()
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^mitmach-konferenz-oberallgau-\d{4}-\d{2}-\d{2}\.slt\.json$/
    );
    saved = path.join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    await dialog.waitFor({ state: 'hidden' });
    const file = JSON.parse(fs.readFileSync(saved, 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({
      format: 'stadt-land-tisch/conference-file',
      version: 1,
      role: 'participant'
    });
    expect(Object.keys(file.docs as object).sort()).toEqual(['control', 'plans', 'shared']);
    expect(file.token).toMatch(/^p_/);
  });

  it('opens on a fresh phone with no network and the relay stopped', async () => {
    // The phone loaded the app once (its service worker keeps it), nothing of the conference.
    const page = phone.page;
    await page.goto(world.baseUrl);
    expect(await serviceWorkerState(page)).toBe('activated');
    await page.reload();
    await page.getByTestId('file-open-show').waitFor();

    await world.stopRelay();
    await phone.context.setOffline(true);
    await expect(fetch(world.baseUrl)).rejects.toThrow();
    await page.reload();
    await page.getByRole('button', { name: 'Konferenz-Datei öffnen' }).click();

    // A damaged copy first: refused, the list stays empty.
    const bytes = fs.readFileSync(saved);
    const damaged = Buffer.from(bytes);
    damaged[Math.floor(damaged.length / 2)]! ^= 8;
    const input = page.getByTestId('file-open-input');
    await input.setInputFiles({ name: 'kaputt.slt.json', mimeType: 'application/json', buffer: damaged });
    await expect(page.getByTestId('file-open-error').textContent()).resolves.toContain('beschädigt');
    await expect(page.getByTestId('conference-card').count()).resolves.toBe(0);
    await shot(page, 'open-refused');

    await input.setInputFiles(saved);
    await expect(page.getByTestId('file-open-done').textContent()).resolves.toContain(TITLE);
    await page.getByTestId('conference-card').filter({ hasText: TITLE }).waitFor();
    await shot(page, 'open-added');
    await page.getByRole('link', { name: 'Konferenz öffnen' }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expect(
      page.getByText('Du nimmst teil und kannst Ideen beitragen.').count()
    ).resolves.toBeGreaterThan(0);
    await waitForStatus(page, 'offline');
    await page.getByTestId('file-export-open').click();
    await page.getByTestId('file-export-dialog').getByRole('button', { name: 'Datei sichern' }).waitFor();
    await shot(page, 'export-participant');
    await page.keyboard.press('Escape');
    await openTable(page, TABLE);
    for (const idea of IDEAS) await ideaItem(page, idea).waitFor();
  });
});

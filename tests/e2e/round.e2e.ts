// The round (issue 11) with a facilitator's laptop, two phones whose clocks are wrong by +5 and −5 minutes,
// and the table's projector page: presence counts the devices; "Alle hierher holen" brings a phone to the
// table, it leaves and comes back with one tap; a phase after collecting hides the idea input on the phones
// (not for the facilitator) and puts the ideas on the wall; the countdown shows the same time left on every
// device within one second; with the relay gone the projector keeps showing and says it is offline.
// ROUND_SHOTS=1 also writes screenshots to tests/e2e/screenshots/round-*.png.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OFFLINE_NOISE, useWorld, type Device, type World } from './harness';
import { createSharedConference, joinThroughLink, openTable, sendIdea } from './flows';

const TITLE = 'Mitmach-Konferenz Uckermark';
const TABLE = 'Energie aus dem Dorf';
const QUESTION = 'Wie wird unser Dorf bis 2030 zum Energiedorf?';
const IDEA = 'Eine Bürgerenergiegenossenschaft für Solardächer.';
const SKEW = 5 * 60_000;
const SHOTS = process.env.ROUND_SHOTS ? 'tests/e2e/screenshots' : null;

let world: World;
let fac: Device;
let phoneA: Device;
let phoneB: Device;
let wall: Page;
let tableUrl = '';

useWorld(async (started) => {
  world = started;
  world.watch.allow(...OFFLINE_NOISE);
  fac = await world.newDevice('laptop', 'facilitator');
  phoneA = await world.newDevice('phone', 'phone +5 min');
  phoneB = await world.newDevice('phone', 'phone -5 min');
  // Wrong device clocks: time runs on, from five minutes ahead / behind.
  await phoneA.page.clock.install({ time: Date.now() + SKEW });
  await phoneB.page.clock.install({ time: Date.now() - SKEW });
});

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/round-${name}.png` });
}

/** Seconds left as shown (mm:ss). */
async function shownSeconds(page: Page): Promise<number> {
  const text =
    (await page.getByTestId('timer-remaining').locator('[aria-hidden="true"]').textContent()) ?? '';
  const match = /^(\d+):(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`no countdown shown: "${text}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

describe('the round', () => {
  it('brings a phone to the table with one action; it leaves and returns with one tap', async () => {
    const { links } = await createSharedConference(fac.page, world.baseUrl, {
      title: TITLE,
      region: 'Uckermark',
      venue: 'Dorfgemeinschaftshaus Gerswalde',
      tables: [{ title: TABLE, question: QUESTION }]
    });
    await joinThroughLink(phoneA.page, links.participant, TITLE, 'Jule');
    await joinThroughLink(phoneB.page, links.participant, TITLE, 'Bernd');
    // The phones' clocks really are off.
    expect((await phoneA.page.evaluate(() => Date.now())) - Date.now()).toBeGreaterThan(SKEW - 10_000);
    expect((await phoneB.page.evaluate(() => Date.now())) - Date.now()).toBeLessThan(10_000 - SKEW);
    await openTable(phoneA.page, TABLE);
    await sendIdea(phoneA.page, IDEA);
    await fac.page.getByTestId('room-round').getByTestId('presence-total').waitFor();
    await shot(fac.page, 'laptop-conference');
    await openTable(fac.page, TABLE);
    tableUrl = fac.page.url();

    // Presence: the laptop and two phones (no names).
    await fac.page.getByTestId('presence-total').filter({ hasText: '3 Geräte in der Konferenz' }).waitFor();
    await fac.page.getByTestId('presence-table').filter({ hasText: '2 Geräte an diesem Tisch' }).waitFor();

    await fac.page.getByTestId('follow-bring').click();
    await phoneB.page.getByRole('heading', { level: 1, name: TABLE }).waitFor();
    expect(phoneB.page.url()).toBe(tableUrl.replace(world.baseUrl, new URL(phoneB.page.url()).origin));
    await phoneB.page.getByTestId('follow-banner').waitFor();
    expect(await phoneB.page.getByTestId('follow-go').count()).toBe(0);

    // Leave: back to the overview; the phone stays there and offers the way back.
    await phoneB.page.getByRole('link', { name: 'Alle Thementische' }).click();
    await phoneB.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const go = phoneB.page.getByTestId('follow-go');
    await go.waitFor();
    expect(await phoneB.page.getByTestId('follow-banner').textContent()).toContain(
      `Die Moderation zeigt: ${TABLE}`
    );
    await shot(phoneB.page, 'phone-follow');
    await go.click();
    await phoneB.page.getByRole('heading', { level: 1, name: TABLE }).waitFor();
  });

  it('after collecting, phones lose the idea input and the projector shows the ideas', async () => {
    wall = await fac.context.newPage();
    await wall.setViewportSize({ width: 1920, height: 1080 });
    await wall.goto(`${tableUrl}/projector`);
    await wall.getByTestId('projector-question').filter({ hasText: QUESTION }).waitFor();
    await wall.getByTestId('projector-phase').filter({ hasText: 'Jetzt: Ideen sammeln' }).waitFor();
    await wall.locator('.qr img').waitFor();
    expect(await wall.getByTestId('projector-ideas').count()).toBe(0);
    await shot(wall, 'projector-collect');
    await shot(phoneA.page, 'phone-collect');

    await phoneA.page.getByTestId('idea-composer').waitFor();
    await fac.page.getByTestId('phase-cluster').click();
    await phoneA.page.getByTestId('composer-phase').waitFor();
    expect(await phoneA.page.getByTestId('idea-composer').count()).toBe(0);
    await phoneB.page.getByTestId('composer-phase').waitFor();
    expect(await phoneA.page.getByTestId('phase-now').textContent()).toContain('Jetzt: Clustern');
    // Facilitators still add ideas.
    expect(await fac.page.getByTestId('idea-composer').count()).toBe(1);
    await wall.getByTestId('projector-ideas').getByText(IDEA).waitFor();
    await wall.getByTestId('projector-phase').filter({ hasText: 'Jetzt: Clustern' }).waitFor();
  });

  it('the countdown agrees within one second on devices whose clocks are 5 minutes off', async () => {
    await fac.page.getByTestId('timer-start-10').click();
    const devices = [fac.page, phoneA.page, phoneB.page, wall];
    for (const page of devices) await page.getByTestId('timer-remaining').waitFor();
    // The phones use the relay's clock once they measured it (the hint disappears).
    for (const page of [phoneA.page, phoneB.page])
      await page.getByText('Uhrzeit dieses Geräts', { exact: false }).waitFor({ state: 'detached' });
    const seconds = await Promise.all(devices.map(shownSeconds));
    expect(Math.max(...seconds) - Math.min(...seconds), `shown: ${seconds.join(', ')}`).toBeLessThanOrEqual(
      1
    );
    expect(Math.min(...seconds)).toBeGreaterThan(9 * 60);
    await shot(phoneA.page, 'phone-cluster');
    await shot(fac.page, 'laptop-table');
    await shot(wall, 'projector-cluster');

    // Pause and +1 minute arrive everywhere alike.
    await fac.page.getByTestId('timer-pause').click();
    await fac.page.getByTestId('timer-extend').click();
    await phoneB.page.locator('[data-testid="round-timer"][data-state="paused"]').waitFor();
    const paused = await Promise.all(devices.map(shownSeconds));
    expect(new Set(paused).size, `shown: ${paused.join(', ')}`).toBe(1);
    expect(paused[0]).toBeGreaterThan(10 * 60);

    // The end: an offline phone (it keeps its clock estimate) whose time runs on past the end says so in
    // words (the gentle visual signal). Online, a jump of its clock would be measured again on reconnect.
    await fac.page.getByTestId('timer-resume').click();
    await phoneA.page.locator('[data-testid="round-timer"][data-state="running"]').waitFor();
    await phoneA.context.setOffline(true);
    await phoneA.page.clock.fastForward('12:00');
    await phoneA.page.getByTestId('timer-ended').filter({ hasText: 'Die Zeit ist um' }).waitFor();
    expect(await shownSeconds(phoneA.page)).toBe(0);
    await shot(phoneA.page, 'phone-ended');
    await phoneA.context.setOffline(false);
  });

  it('the projector keeps its picture and says it is offline when the relay is gone', async () => {
    await world.stopRelay();
    await wall.getByTestId('projector-offline').waitFor({ timeout: 20_000 });
    await wall.getByTestId('projector-question').filter({ hasText: QUESTION }).waitFor();
    await wall.getByTestId('projector-ideas').getByText(IDEA).waitFor();
    await wall.setViewportSize({ width: 1280, height: 720 });
    await shot(wall, 'projector-offline-720');
    await world.restartRelay();
  });
});

// Plan links (issue 12) end to end: a facilitator makes a link for one plan on its page; a fresh browser
// context opens it, lands on that plan, says it edits only that plan, edits it (the facilitator sees the
// change), and finds another plan read-only with no way to make a new one. (The relay's refusal of a write
// outside the plan is tested in tests/integration/relay-plan-link.test.ts; the page offers no such write.)
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkScreen } from './a11y';
import { OFFLINE_NOISE, useWorld, type Device, type World } from './harness';
import { createConference, waitForStatus } from './flows';

const TITLE = 'Zukunftskonferenz Allgäu';
const SHOTS = process.env.SCREENSHOTS === '1' ? 'tests/e2e/screenshots' : null;

/** With SCREENSHOTS=1: the axe check (German) and a screenshot to tests/e2e/screenshots/. */
async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await checkScreen(page, name);
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

let world: World;
let laptop: Device;

useWorld(async (started) => {
  world = started;
  world.watch.allow(...OFFLINE_NOISE);
  laptop = await world.newDevice('laptop', 'facilitator');
});

async function newPlan(page: Page, roomId: string, title: string): Promise<string> {
  await page.goto(`${world.baseUrl}/c/${roomId}/plans`);
  await page.getByTestId('plan-new-title').fill(title);
  await page.getByTestId('plan-create').click(); // opens the new plan
  await page.getByTestId('plan-title').getByText(title).waitFor();
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

describe('a plan link', () => {
  it('edits its plan on a fresh device; other plans are read-only there', async () => {
    const roomId = await createConference(laptop.page, world.baseUrl, {
      title: TITLE,
      region: 'Allgäu',
      venue: 'Kempten',
      tables: []
    });
    await waitForStatus(laptop.page, 'saved');
    const other = await newPlan(laptop.page, roomId, 'Lastenrad-Verleih');
    const own = await newPlan(laptop.page, roomId, 'Repair-Café');

    await laptop.page.getByTestId('plan-link-open').click();
    await laptop.page.getByTestId('plan-link-make').click();
    const link = await laptop.page.locator('#link-plan-link').inputValue();
    expect(link).toMatch(new RegExp(`/join/${roomId}#p_`));
    await laptop.page.getByTestId('plan-link-list').getByTestId('plan-link-revoke').waitFor();
    await shot(laptop.page, 'plan-link-dialog-laptop');
    await laptop.page.keyboard.press('Escape');

    const owner = await world.newDevice('phone', 'plan owner');
    await owner.page.goto(link);
    await owner.page.getByTestId('join-form').waitFor();
    await owner.page.getByRole('button', { name: 'Weiter zur Konferenz' }).click();
    await owner.page.waitForURL(new RegExp(`/c/${roomId}/plans/${own}$`));
    await owner.page.getByTestId('plan-scope-note').getByText('nur den Plan „Repair-Café“').waitFor();
    await shot(owner.page, 'plan-link-own-phone');

    await owner.page.getByTestId('plan-goal').fill('Jeden Monat reparieren statt wegwerfen.');
    await owner.page.getByTestId('plan-goal').press('Tab');
    await waitForStatus(owner.page, 'saved');
    await expect
      .poll(() => laptop.page.getByTestId('plan-goal').inputValue())
      .toBe('Jeden Monat reparieren statt wegwerfen.');

    // Another plan: read-only here; no new plans either.
    await owner.page.goto(`${world.baseUrl}/c/${roomId}/plans/${other}`);
    await owner.page.getByTestId('plan-other-readonly').waitFor();
    await shot(owner.page, 'plan-link-other-phone');
    expect(await owner.page.getByTestId('plan-goal').getAttribute('readonly')).not.toBeNull();
    await owner.page.goto(`${world.baseUrl}/c/${roomId}/plans`);
    await owner.page.getByTestId('plan-card').first().waitFor();
    expect(await owner.page.getByTestId('plan-create').count()).toBe(0);
  });
});

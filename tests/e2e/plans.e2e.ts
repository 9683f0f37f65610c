// Action plans and the Ernte end to end: a facilitator on the laptop makes a plan from a participant's idea;
// the participant's phone opens it; with the relay stopped both write (the phone adds steps, the laptop the
// goal and a step); once the relay is back both hold everything. The facilitator's Ernte shows on the
// plenary view and on the projector. A step the phone wrote offline while the round was closed is refused
// by the relay and comes back as text to enter again. Screenshots (German, phone / laptop / projector) go to
// tests/e2e/screenshots/ (gitignored) when SCREENSHOTS=1.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkAndShoot } from './a11y';
import { OFFLINE_NOISE, useWorld, type Device, type World } from './harness';
import {
  createConference,
  ideaItem,
  joinAtTable,
  openTable,
  readShareLinks,
  sendIdea,
  waitForStatus
} from './flows';

const TITLE = 'Zukunftskonferenz Oberallgäu';
const TABLE = 'Kreislaufwirtschaft';
const IDEA = 'Ein Repair-Café im Rathaus, einmal im Monat';

let world: World;
let laptop: Device;
let phone: Device;
let roomId: string;

useWorld(async (started) => {
  world = started;
  world.watch.allow(...OFFLINE_NOISE);
  laptop = await world.newDevice('laptop', 'facilitator');
  phone = await world.newDevice('phone', 'participant');
});

async function addStep(page: Page, text: string, who: string, due: string): Promise<void> {
  await page.getByTestId('step-new-text').fill(text);
  await page.getByTestId('step-new-who').fill(who);
  await page.getByTestId('step-new-due').fill(due);
  await page.getByTestId('step-add').click();
  await page.getByTestId('step-list').getByText(text, { exact: true }).waitFor();
}

const stepTexts = (page: Page) => page.getByTestId('step-text').allTextContents();

describe('action plans', () => {
  it('a plan made from an idea on the laptop opens on the phone', async () => {
    roomId = await createConference(laptop.page, world.baseUrl, {
      title: TITLE,
      region: 'Oberallgäu',
      venue: 'Kurhaus Sonthofen',
      tables: [{ title: TABLE, question: 'Wie halten wir Dinge länger im Kreislauf?', host: 'Ina' }]
    });
    const links = await readShareLinks(laptop.page);
    await openTable(laptop.page, TABLE);
    await joinAtTable(phone.page, links.participant, TITLE, TABLE, 'Jonas');
    await sendIdea(phone.page, IDEA);

    await ideaItem(laptop.page, IDEA).waitFor();
    await laptop.page.getByTestId('idea-menu').first().click();
    await laptop.page.getByTestId('idea-plan').click();
    await laptop.page.getByTestId('plan-title').getByText(IDEA).waitFor();
    expect(await laptop.page.getByTestId('plan-origin').textContent()).toContain(`Aus der Idee: ${IDEA}`);

    await phone.page.getByTestId('nav-plans').click();
    await phone.page.getByTestId('plan-card').getByRole('link', { name: IDEA }).click();
    await phone.page.getByTestId('plan-title').waitFor();
    await waitForStatus(phone.page, 'saved');
    await waitForStatus(laptop.page, 'saved');
  });

  it("steps the phone adds offline and the laptop's edits merge once the relay is back", async () => {
    await world.stopRelay();
    await waitForStatus(phone.page, 'offline');
    await waitForStatus(laptop.page, 'offline');
    await addStep(phone.page, 'Raum im Rathaus anfragen', 'Jonas', '2027-01-15');
    await addStep(phone.page, 'Werkzeug sammeln', 'Aylin', '2027-02-01');
    await phone.page.getByTestId('step-done').first().check();
    await laptop.page.getByTestId('plan-goal').fill('Jeden Monat reparieren statt wegwerfen.');
    await laptop.page.getByTestId('plan-goal').press('Tab');
    await addStep(laptop.page, 'Flyer drucken', 'Ina', '2027-01-20');
    await laptop.page.getByTestId('plan-status-running').check();

    await world.restartRelay();
    await waitForStatus(phone.page, 'saved', 30_000);
    await waitForStatus(laptop.page, 'saved', 30_000);
    for (const page of [phone.page, laptop.page]) {
      await page.getByTestId('step-list').getByText('Flyer drucken').waitFor();
      await page.getByTestId('step-list').getByText('Werkzeug sammeln').waitFor();
      expect((await stepTexts(page)).sort()).toEqual([
        'Flyer drucken',
        'Raum im Rathaus anfragen',
        'Werkzeug sammeln'
      ]);
      await expect
        .poll(() => page.getByTestId('plan-goal').inputValue())
        .toBe('Jeden Monat reparieren statt wegwerfen.');
      expect(await page.getByTestId('plan-status-running').isChecked()).toBe(true);
      const raum = page.getByRole('checkbox', { name: '„Raum im Rathaus anfragen“ erledigt' });
      expect(await raum.isChecked()).toBe(true);
    }
    // Moved by the button: the new order reaches the other device.
    const before = await stepTexts(phone.page);
    await phone.page
      .getByTestId('step-list')
      .locator('li')
      .first()
      .getByRole('button', { name: /nach unten$/ })
      .click();
    await expect.poll(() => stepTexts(phone.page)).not.toEqual(before);
    const moved = await stepTexts(phone.page);
    await expect.poll(() => stepTexts(laptop.page)).toEqual(moved);
    await checkAndShoot(phone.page, 'plan-phone');
    await checkAndShoot(laptop.page, 'plan-laptop');
    await laptop.page.getByTestId('nav-plans').click();
    await laptop.page.getByRole('heading', { name: 'Wer macht was bis wann?' }).waitFor();
    await laptop.page.getByTestId('person').getByText('Aylin').waitFor();
    await checkAndShoot(laptop.page, 'plans-overview-laptop');
  });

  it('a step the phone wrote offline while the round was closed comes back as text to enter again', async () => {
    const planUrl = phone.page.url();
    await phone.page.goto(planUrl);
    await phone.page.getByTestId('plan-title').waitFor();
    await waitForStatus(phone.page, 'saved', 30_000);
    await phone.context.setOffline(true);
    await waitForStatus(phone.page, 'offline');
    await addStep(phone.page, 'Lastenrad für Ersatzteile leihen', 'Jonas', '2027-03-03');

    // Meanwhile the facilitator closes the round; then the phone is back.
    await laptop.page.goto(`${world.baseUrl}/c/${roomId}`);
    await laptop.page.getByTestId('lock-toggle').click();
    await laptop.page.getByRole('alertdialog').getByRole('button', { name: 'Für alle schließen' }).click();
    await waitForStatus(laptop.page, 'saved');
    await phone.context.setOffline(false);

    const notice = phone.page.getByTestId('plan-refused');
    await notice.waitFor({ timeout: 30_000 });
    await notice
      .getByTestId('plan-refused-texts')
      .getByText('Lastenrad für Ersatzteile leihen (Jonas, 3. März 2027)')
      .waitFor();
    // The plan shows the shared state again (the refused step is not in it), and all is saved.
    await expect.poll(() => stepTexts(phone.page)).not.toContain('Lastenrad für Ersatzteile leihen');
    await waitForStatus(phone.page, 'saved', 30_000);
    await checkAndShoot(phone.page, 'plan-refused-phone');

    // Still there after a reload, until the person dismisses it.
    await phone.page.reload();
    await phone.page
      .getByTestId('plan-refused-texts')
      .getByText(/Lastenrad für Ersatzteile/)
      .waitFor();
    await laptop.page.getByTestId('lock-toggle').click();
    await phone.page.getByTestId('plan-refused-dismiss').click();
    await phone.page.getByTestId('plan-refused').waitFor({ state: 'detached' });
    await laptop.page.goBack();
  });

  it('the Erfolgs-Workshop shows what changed since the conference-day state', async () => {
    await laptop.page.getByTestId('plan-mark-end').click();
    await laptop.page.getByTestId('plan-end-dialog').getByTestId('confirm-yes').click();
    await laptop.page.getByTestId('status-chart').waitFor();
    // Months later: the plan is done.
    await laptop.page.getByTestId('plan-card').first().getByRole('link').click();
    await laptop.page.getByTestId('plan-status-done').check();
    await laptop.page.getByTestId('note-new').fill('Das erste Repair-Café hatte 40 Gäste.');
    await laptop.page.getByTestId('note-add').click();
    await laptop.page
      .getByTestId('note-list')
      .getByText(/40 Gäste/)
      .waitFor();
    await laptop.page.getByTestId('nav-plans').click();
    const change = laptop.page.getByTestId('follow-up').getByTestId('change-status');
    expect(await change.textContent()).toContain('Stand: läuft → umgesetzt');
    await laptop.page
      .getByTestId('follow-up')
      .getByText(/40 Gäste/)
      .waitFor();
    await laptop.page.getByTestId('status-chart').scrollIntoViewIfNeeded();
    await checkAndShoot(laptop.page, 'follow-up-laptop');
  });

  it('the Ernte written by the facilitator shows on the plenary view and the projector', async () => {
    await laptop.page.goto(`${world.baseUrl}/c/${roomId}`);
    await openTable(laptop.page, TABLE);
    await laptop.page.getByRole('tab', { name: /^Ernte/ }).click();
    const results = laptop.page.getByTestId('harvest-results-input');
    await results.fill('Reparieren verbindet Generationen.\nDas Rathaus stellt einen Raum.');
    await results.press('Tab');
    await laptop.page.getByTestId('harvest-step-text').fill('Förderantrag beim Landkreis');
    await laptop.page.getByTestId('harvest-step-who').fill('Ina');
    await laptop.page.getByTestId('harvest-step-add').click();
    // Checked from the top (further down, the sticky status bar covers the idea's menu button, as on
    // every table page).
    await laptop.page.getByText('Förderantrag beim Landkreis').first().waitFor();
    await laptop.page.evaluate(() => window.scrollTo(0, 0));
    await checkAndShoot(laptop.page, 'table-harvest-laptop');

    await phone.page.goto(`${world.baseUrl}/c/${roomId}/ernte`);
    await phone.page
      .getByTestId('harvest-results')
      .getByText(/Reparieren verbindet Generationen/)
      .waitFor();
    await phone.page.getByText('Förderantrag beim Landkreis').waitFor();
    await checkAndShoot(phone.page, 'harvest-plenary-phone');

    // The projector is the facilitator's laptop on the big screen.
    await laptop.page.setViewportSize({ width: 1920, height: 1080 });
    await laptop.page.goto(`${world.baseUrl}/c/${roomId}/ernte/projector`);
    await laptop.page
      .getByTestId('harvest-wall')
      .getByText(/Reparieren verbindet Generationen/)
      .waitFor();
    expect(await laptop.page.getByTestId('harvest-position').textContent()).toBe('Tisch 1 von 1');
    expect(await laptop.page.getByTestId('nav-plans').count()).toBe(0);
    await checkAndShoot(laptop.page, 'harvest-projector');
    await laptop.page.setViewportSize({ width: 1280, height: 800 });
  });
});

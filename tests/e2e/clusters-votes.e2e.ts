// Clustering and dot voting at one table: two phones send ideas; the facilitator on a laptop puts one
// into a cluster by dragging it with the mouse and two into a new cluster with the keyboard only (tick,
// „Zu Cluster …“); starts a vote; both phones put their dots within the budget (one by keyboard); the
// facilitator sees how many people voted, closes and reveals, and every device shows the ranking.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useWorld, type Device, type World } from './harness';
import { createSharedConference, joinAtTable, openTable, sendIdea, waitForStatus } from './flows';

const TITLE = 'Mitmach-Konferenz Altmühltal';
const TABLE = 'Mobilität auf dem Land';
const IDEAS = {
  rufbus: 'Ein Rufbus am Wochenende',
  bank: 'Mitfahrbänke an jeder Haltestelle',
  radweg: 'Radweg nach Eichstätt',
  carsharing: 'Dorfauto zum Teilen'
};

let world: World;
let laptop: Device;
let anna: Device;
let ben: Device;

useWorld(async (started) => {
  world = started;
  laptop = await world.newDevice('laptop', 'facilitator');
  anna = await world.newDevice('phone', 'anna');
  ben = await world.newDevice('phone', 'ben');
});

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
const column = (page: Page, name: string) =>
  page.locator('[data-testid="cluster-column"], [data-testid="cluster-loose"]').filter({
    has: page.getByRole('heading', { level: 3, name: new RegExp(`^${name}`) })
  });
const card = (page: Page, text: string) => page.getByTestId('cluster-idea').filter({ hasText: text });
const voteItem = (page: Page, text: string) => page.getByTestId('vote-item').filter({ hasText: text });

/** Drags a card by its centre (the library drops where the card's centre is) onto a column's zone. */
async function drag(page: Page, from: string, toColumn: string): Promise<void> {
  // Not under the sticky idea field at the bottom of the screen.
  await card(page, from).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const source = await card(page, from).boundingBox();
  if (!source) throw new Error('no card to drag');
  const x0 = source.x + source.width / 2;
  const y0 = source.y + source.height / 2;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 + 5, y0 + 5);
  // Measured once the drag has begun (the layout around the lifted card may have changed).
  const target = await column(page, toColumn).getByTestId('cluster-zone').boundingBox();
  if (!target) throw new Error('no zone to drop on');
  const x1 = target.x + target.width / 2;
  const y1 = target.y + Math.min(target.height / 2, 24);
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(x0 + ((x1 - x0) * i) / 10, y0 + ((y1 - y0) * i) / 10);
    await page.waitForTimeout(30);
  }
  // The library looks for the zone under the card every 200 ms.
  await page.waitForTimeout(500);
  await page.mouse.up();
}

describe('clusters and dot votes', () => {
  it('clusters by mouse and keyboard, votes within budget on two phones, reveals the ranking', async () => {
    const { links } = await createSharedConference(laptop.page, world.baseUrl, {
      title: TITLE,
      region: 'Altmühltal',
      venue: 'Bürgerhaus',
      tables: [{ title: TABLE, question: 'Wie kommen alle ohne Auto ans Ziel?' }]
    });
    await joinAtTable(anna.page, links.participant, TITLE, TABLE, 'Anna');
    await joinAtTable(ben.page, links.participant, TITLE, TABLE, 'Ben');
    await sendIdea(anna.page, IDEAS.rufbus);
    await sendIdea(anna.page, IDEAS.bank);
    await sendIdea(ben.page, IDEAS.radweg);
    await sendIdea(ben.page, IDEAS.carsharing);
    await waitForStatus(anna.page, 'saved');
    await waitForStatus(ben.page, 'saved');

    // Mouse: a new, empty cluster, then a card dragged into it.
    await openTable(laptop.page, TABLE);
    await tab(laptop.page, 'Cluster').click();
    await card(laptop.page, IDEAS.carsharing).waitFor();
    await laptop.page.getByTestId('cluster-new').click();
    await laptop.page.getByLabel('Name des Clusters').fill('Teilen');
    await laptop.page.getByTestId('cluster-name-save').click();
    await column(laptop.page, 'Teilen').waitFor();
    await drag(laptop.page, IDEAS.carsharing, 'Teilen');
    await column(laptop.page, 'Teilen').getByText(IDEAS.carsharing).waitFor();

    // Keyboard only: tick two cards, „Zu Cluster …“, a new cluster by name, Enter.
    const pick = (text: string) => card(laptop.page, text).getByRole('checkbox');
    await pick(IDEAS.rufbus).focus();
    await laptop.page.keyboard.press('Space');
    await pick(IDEAS.bank).focus();
    await laptop.page.keyboard.press('Space');
    await laptop.page.getByText('2 Ideen ausgewählt').waitFor();
    await laptop.page.getByTestId('cluster-move').focus();
    await laptop.page.keyboard.press('Enter');
    const dialog = laptop.page.getByRole('dialog', { name: '2 Ideen verschieben' });
    await dialog.waitFor();
    await dialog.getByTestId('cluster-target-new').focus();
    await laptop.page.keyboard.press('Space');
    await dialog.getByLabel('Name des Clusters').focus();
    await laptop.page.keyboard.type('Bus und Bank');
    await laptop.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    const bus = column(laptop.page, 'Bus und Bank');
    await bus.getByText(IDEAS.rufbus).waitFor();
    await bus.getByText(IDEAS.bank).waitFor();
    expect(await column(laptop.page, 'Ohne Cluster').getByTestId('cluster-idea').count()).toBe(1);

    // Keyboard order within the cluster: Alt + arrow moves the focused card one place, focus stays on it.
    const order = () => bus.getByTestId('cluster-idea').allInnerTexts();
    const [first, second] = await order();
    const lower = second!.includes(IDEAS.rufbus) ? IDEAS.rufbus : IDEAS.bank;
    await pick(lower).focus();
    await laptop.page.keyboard.press('Alt+ArrowUp');
    await expect.poll(async () => (await order())[0]).toContain(lower);
    expect((await order())[1]).toBe(first);
    expect(await pick(lower).evaluate((el) => el === document.activeElement)).toBe(true);

    // The phones see the clusters read-only.
    await tab(anna.page, 'Cluster').click();
    await anna.page.getByTestId('cluster-list').getByText('Bus und Bank').waitFor();

    // A vote: 3 points, several on one card allowed.
    await tab(laptop.page, 'Bewerten').click();
    await laptop.page.getByTestId('vote-multiple').check();
    await laptop.page.getByTestId('vote-start').click();
    await laptop.page.getByTestId('vote-admin').waitFor();

    await tab(anna.page, 'Bewerten').click();
    await anna.page.getByText('Noch 3 von 3 Punkten').waitFor();
    await voteItem(anna.page, IDEAS.radweg).getByTestId('vote-plus').click();
    await voteItem(anna.page, IDEAS.radweg).getByTestId('vote-plus').click();
    await voteItem(anna.page, IDEAS.rufbus).getByTestId('vote-plus').click();
    await anna.page.getByText('Noch 0 von 3 Punkten').waitFor();
    expect(await voteItem(anna.page, IDEAS.bank).getByTestId('vote-plus').isDisabled()).toBe(true);

    await tab(ben.page, 'Bewerten').click();
    await voteItem(ben.page, IDEAS.radweg)
      .getByRole('button', { name: `Punkt geben: ${IDEAS.radweg}` })
      .focus();
    await ben.page.keyboard.press('Enter');
    await ben.page.getByText('Noch 2 von 3 Punkten').waitFor();
    // Until the reveal each phone sees only its own points.
    expect(await ben.page.getByTestId('vote-ranking').count()).toBe(0);

    await laptop.page.getByText('2 Personen haben abgestimmt').waitFor();
    await laptop.page.getByTestId('vote-close').click();
    await laptop.page.getByTestId('vote-reveal').click();
    for (const page of [laptop.page, anna.page, ben.page]) {
      const ranking = page.getByTestId('vote-ranking');
      // The facilitators read the count beside their controls, the phones above the ranking.
      await page.getByText('2 Personen haben abgestimmt').first().waitFor();
      await ranking.waitFor();
      await page.getByTestId('vote-chart').waitFor();
      const rows = await ranking.getByTestId('ranking-table').locator('tbody tr').allInnerTexts();
      expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
        `1. ${IDEAS.radweg} 3`,
        `2. ${IDEAS.rufbus} 1`
      ]);
    }
    // The table's projector view shows the same ranking.
    const projector = await laptop.context.newPage();
    await projector.goto(laptop.page.url().replace(/\/?(\?.*)?$/, '/projector'));
    const wall = projector.getByTestId('projector-ranking');
    await wall.getByText('2 Personen haben abgestimmt').waitFor();
    await projector.close();

    // The Ernte takes the strongest items of the revealed vote over as its strongest clusters.
    await tab(laptop.page, 'Ernte').click();
    await laptop.page.getByTestId('harvest-from-vote').click();
    expect(await laptop.page.locator('#cluster-title-0').inputValue()).toBe(IDEAS.radweg);
    expect(await laptop.page.locator('#cluster-points-0').inputValue()).toBe('3');
    expect(await laptop.page.locator('#cluster-title-1').inputValue()).toBe(IDEAS.rufbus);
    await laptop.page.getByRole('button', { name: 'Cluster speichern' }).click();
    await laptop.page.getByRole('button', { name: 'Cluster speichern' }).waitFor({ state: 'detached' });
    // A phone reads it on the plenary Ernte.
    const plenary = await anna.context.newPage();
    await plenary.goto(anna.page.url().replace(/\/t\/.*$/, '/ernte'));
    await plenary.getByText(IDEAS.radweg).waitFor();
    await plenary.close();

    // A cluster becomes an action plan from its menu; the plan names where it came from.
    await tab(laptop.page, 'Cluster').click();
    await column(laptop.page, 'Bus und Bank').getByTestId('cluster-menu').click();
    await laptop.page.getByRole('menuitem', { name: 'Aktionsplan aus diesem Cluster' }).click();
    await laptop.page.getByTestId('plan-title').waitFor();
    await laptop.page.getByText('Aus dem Cluster: Bus und Bank').waitFor();
  });
});

// What people do with ideas after sending them, on the real relay: a participant edits their own idea and
// sends one without their name; another participant is offered neither on it; the facilitator hides the
// idea with a reason: the other participant no longer sees it, its author sees it with the reason, the
// facilitator finds it folded away and shows it again; the author withdraws an idea and takes it back.
import { describe, expect, it } from 'vitest';
import { useWorld, type Device, type World } from './harness';
import { createSharedConference, ideaItem, joinAtTable, openTable, sendIdea, waitForStatus } from './flows';

const TITLE = 'Mitmach-Konferenz Vinschgau';
const TABLE = 'Wasser im Tal';
const FIRST = 'Regenwasser für die Obstgärten sammeln.';
const EDITED = 'Regenwasser für die Obstgärten und Schulgärten sammeln.';
const QUIET = 'Eine Tauschbörse für Bewässerungsschläuche.';
const REASON = 'Doppelt – steht schon am Tisch Landwirtschaft';

let world: World;
let facilitator: Device;
let author: Device;
let other: Device;

useWorld(async (started) => {
  world = started;
  facilitator = await world.newDevice('laptop', 'facilitator');
  author = await world.newDevice('phone', 'author');
  other = await world.newDevice('phone', 'other participant');
});

const menuOf = (device: Device, text: string) =>
  device.page.getByTestId('idea-list').locator('.idea', { hasText: text }).getByTestId('idea-menu');

async function openMenu(device: Device, text: string): Promise<void> {
  await menuOf(device, text).click();
}

/** An item of the open menu (every idea's menu is in the page; only the open one is visible). */
const item = (device: Device, testid: string) => device.page.locator(`[data-testid="${testid}"]:visible`);

describe('own ideas and hidden ideas', () => {
  it('edits, hides with a reason, shows again, withdraws and undoes over the relay', async () => {
    const { links } = await createSharedConference(facilitator.page, world.baseUrl, {
      title: TITLE,
      region: 'Vinschgau',
      venue: 'Kulturhaus Schlanders',
      tables: [{ title: TABLE, question: 'Wie bleibt genug Wasser für alle?' }]
    });
    await openTable(facilitator.page, TABLE);
    await joinAtTable(author.page, links.participant, TITLE, TABLE, 'Vroni');
    await joinAtTable(other.page, links.participant, TITLE, TABLE, 'Luis');

    // The author sends an idea, edits it, and sends another one without the name.
    await sendIdea(author.page, FIRST);
    await author.page.getByTestId('idea-mine').first().waitFor();
    await openMenu(author, FIRST);
    await item(author, 'idea-edit').click();
    await author.page.getByTestId('idea-edit-text').fill(EDITED);
    await author.page.getByTestId('idea-edit-save').click();
    await ideaItem(author.page, EDITED).waitFor();
    await author.page.getByLabel('Deine Idee').fill(QUIET);
    await author.page.getByTestId('idea-anonymous').check();
    await author.page.getByRole('button', { name: 'Idee senden' }).click();
    await ideaItem(author.page, QUIET).waitFor();
    await waitForStatus(author.page, 'saved');

    // Everyone sees the edit (the relay took it as the author's own write); the second idea has no name.
    await ideaItem(facilitator.page, EDITED).waitFor();
    await ideaItem(other.page, EDITED).waitFor();
    const quietOnLaptop = facilitator.page.getByTestId('idea-list').locator('.idea', { hasText: QUIET });
    await quietOnLaptop.waitFor();
    expect(await quietOnLaptop.locator('.author').textContent()).toBe('Ohne Namen');

    // Another participant is offered neither edit nor withdraw on it.
    await openMenu(other, EDITED);
    await item(other, 'idea-plan').waitFor();
    expect(await item(other, 'idea-edit').count()).toBe(0);
    expect(await item(other, 'idea-withdraw').count()).toBe(0);
    await other.page.keyboard.press('Escape');

    // The facilitator hides it with a reason.
    await openMenu(facilitator, EDITED);
    await item(facilitator, 'idea-hide').click();
    await facilitator.page.getByTestId('idea-hide-confirm').click();
    await facilitator.page.getByText('Bitte ausfüllen.').waitFor(); // no reason, no hiding
    await facilitator.page.getByTestId('idea-hide-reason').fill(REASON);
    await facilitator.page.getByTestId('idea-hide-confirm').click();
    await ideaItem(facilitator.page, EDITED).waitFor({ state: 'detached' });
    await waitForStatus(facilitator.page, 'saved');

    await ideaItem(other.page, EDITED).waitFor({ state: 'detached' });
    expect(await other.page.getByTestId('hidden-ideas').count()).toBe(0);
    const own = author.page.getByTestId('hidden-ideas');
    await own.getByText(`Von der Moderation ausgeblendet: ${REASON}`).waitFor();
    expect(await own.getByText(EDITED).count()).toBe(1);
    await ideaItem(author.page, EDITED).waitFor({ state: 'detached' });

    const folded = facilitator.page.getByTestId('hidden-ideas');
    await folded.getByText('Ausgeblendete Ideen (1)').click();
    await folded.getByTestId('idea-unhide').click();
    await ideaItem(other.page, EDITED).waitFor();
    await ideaItem(author.page, EDITED).waitFor();
    expect(await author.page.getByTestId('hidden-ideas').count()).toBe(0);

    // The author withdraws the quiet idea and takes it back with the undo.
    await openMenu(author, QUIET);
    await item(author, 'idea-withdraw').click();
    await ideaItem(facilitator.page, QUIET).waitFor({ state: 'detached' });
    await author.page.getByRole('button', { name: 'Rückgängig' }).click();
    await ideaItem(facilitator.page, QUIET).waitFor();
    await waitForStatus(author.page, 'saved');
  });
});

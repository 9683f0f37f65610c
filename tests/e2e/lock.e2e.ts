// Closing the round: the facilitator closes it on the laptop and the phone replaces the idea field with a
// plain note at once; opening it brings the field back. The race: the phone writes an idea offline while the
// round gets closed; back online, the relay refuses the write, the phone keeps the idea as a draft, says so,
// shows what the relay has (the idea is not on the board, the laptop never sees it), and puts the draft back
// into the idea field when the round opens again, from where it can be sent.
import { describe, expect, it } from 'vitest';
import { OFFLINE_NOISE, useWorld, type Device, type World } from './harness';
import { createSharedConference, ideaItem, joinAtTable, openTable, sendIdea, waitForStatus } from './flows';

const TITLE = 'Mitmach-Konferenz Chiemgau';
const TABLE = 'Mobilität auf dem Land';
const BEFORE = 'Ein Rufbus für die Dörfer am Wochenende.';
const RACE = 'Mitfahrbänke an jeder Bushaltestelle.';
const LOCKED_NOTE = 'Die Moderation hat diese Runde geschlossen. Du kannst weiter lesen.';
const REFUSED_NOTE =
  'Deine Idee wurde nicht übernommen, weil die Runde geschlossen ist. Sie ist als Entwurf gespeichert.';

let world: World;
let facilitator: Device;
let participant: Device;

useWorld(async (started) => {
  world = started;
  // The phone goes offline on purpose in the race below.
  world.watch.allow(...OFFLINE_NOISE);
  facilitator = await world.newDevice('laptop', 'facilitator');
  participant = await world.newDevice('phone', 'participant');
});

const composer = (device: Device) => device.page.getByTestId('idea-composer');
const lockedNote = (device: Device) => device.page.getByTestId('round-locked');

async function toggleRound(name: 'Runde schließen' | 'Runde öffnen'): Promise<void> {
  await facilitator.page.getByRole('button', { name }).click();
  // Closing is for every table at once, so it asks first.
  if (name === 'Runde schließen') {
    await facilitator.page
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Für alle schließen' })
      .click();
  }
  await facilitator.page
    .getByRole('button', { name: name === 'Runde schließen' ? 'Runde öffnen' : 'Runde schließen' })
    .waitFor();
  await waitForStatus(facilitator.page, 'saved');
}

describe('closing the round', () => {
  it('replaces the idea field on the phone with a note, and brings it back when opened', async () => {
    const { links } = await createSharedConference(facilitator.page, world.baseUrl, {
      title: TITLE,
      region: 'Chiemgau',
      venue: 'Trachtenheim Übersee',
      tables: [{ title: TABLE, question: 'Wie kommen alle ohne eigenes Auto zum Arzt?' }]
    });
    await joinAtTable(participant.page, links.participant, TITLE, TABLE, 'Resi');
    await sendIdea(participant.page, BEFORE);
    await waitForStatus(participant.page, 'saved');

    await facilitator.page.getByRole('status').filter({ hasText: 'Die Runde ist offen' }).waitFor();
    await toggleRound('Runde schließen');
    await facilitator.page
      .getByText('Die Runde ist für alle Tische geschlossen: Teilnehmende können nur lesen.')
      .waitFor();
    await lockedNote(participant).waitFor({ timeout: 5000 });
    expect(await lockedNote(participant).textContent()).toBe(LOCKED_NOTE);
    expect(await composer(participant).count()).toBe(0);
    await ideaItem(participant.page, BEFORE).waitFor();

    await toggleRound('Runde öffnen');
    await composer(participant).waitFor({ timeout: 5000 });
    expect(await lockedNote(participant).count()).toBe(0);
  });

  it('keeps an idea written offline while the round was closed as a draft, and offers it again', async () => {
    const page = participant.page;
    await waitForStatus(page, 'saved');
    await participant.context.setOffline(true);
    await waitForStatus(page, 'offline');
    await page.getByLabel('Deine Idee').fill(RACE);
    await page.getByRole('button', { name: 'Idee senden' }).click();
    await ideaItem(page, RACE).waitFor();
    expect(await page.getByTestId('pending-changes').getAttribute('data-count')).toBe('1');

    await toggleRound('Runde schließen');
    await participant.context.setOffline(false);

    const notice = page.getByTestId('refused-notice');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain(REFUSED_NOTE);
    await ideaItem(page, RACE).waitFor({ state: 'detached', timeout: 10_000 });
    await ideaItem(page, BEFORE).waitFor();
    await lockedNote(participant).waitFor();
    await waitForStatus(page, 'saved');
    expect(await page.getByTestId('pending-changes').count()).toBe(0);

    // The relay never had it: the laptop never shows it, and a reload of the phone does not bring it back.
    await openTableOnLaptop();
    await ideaItem(facilitator.page, BEFORE).waitFor();
    expect(await ideaItem(facilitator.page, RACE).count()).toBe(0);
    await page.reload();
    await ideaItem(page, BEFORE).waitFor();
    await lockedNote(participant).waitFor();
    expect(await ideaItem(page, RACE).count()).toBe(0);

    // The round opens again: the draft is back in the idea field and can be sent.
    await facilitator.page.goBack();
    await facilitator.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await toggleRound('Runde öffnen');
    await composer(participant).waitFor({ timeout: 5000 });
    await expect(page.getByLabel('Deine Idee').inputValue()).resolves.toBe(RACE);
    await page.getByRole('button', { name: 'Idee senden' }).click();
    await ideaItem(page, RACE).waitFor();
    await waitForStatus(page, 'saved');
    await openTableOnLaptop();
    await ideaItem(facilitator.page, RACE).waitFor({ timeout: 5000 });
  });
});

async function openTableOnLaptop(): Promise<void> {
  if ((await facilitator.page.getByRole('heading', { level: 1, name: TABLE }).count()) > 0) return;
  await openTable(facilitator.page, TABLE);
}

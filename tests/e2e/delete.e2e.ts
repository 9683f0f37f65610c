// Deleting for real, in the browser: a participant deletes their own details; the facilitator sets the day
// the server deletes the conference and the phone announces it; then the facilitator deletes it on the
// server from the conference page (a dialog that names it and wants its name typed out); the participant's
// phone, open on it, says within seconds that it was deleted (German first, axe-checked) and keeps its copy;
// then the phone removes its copy too and no IndexedDB database of the conference is left. E2E_SHOTS=1
// saves screenshots (tests/e2e/screenshots/delete-*).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkScreen } from './a11y';
import { useWorld, type World } from './harness';
import { createConference, joinThroughLink, readShareLinks, waitForStatus } from './flows';

const TITLE = 'Mitmach-Konferenz Vogelsberg';
const EXPLAIN_WITHIN_MS = 5000;
const OUT = path.resolve('tests/e2e/screenshots');

let world: World;
useWorld((started) => {
  world = started;
  world.watch.allow({
    pattern: /Failed to load resource: the server responded with a status of 410/,
    reason: 'a deleted conference answers 410 (that is how a device learns it)'
  });
});

async function shot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SHOTS)
    await page.screenshot({ path: path.join(OUT, `delete-${name}.png`), fullPage: true });
}

async function databasesOf(page: Page, roomId: string): Promise<string[]> {
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  return names.filter((name) => name.includes(roomId));
}

describe('deleting a conference', () => {
  it('deletes it on the server, tells the open phone, and removes the phone copy on request', async () => {
    const laptop = await world.newDevice('laptop', 'facilitator');
    const phone = await world.newDevice('phone', 'participant');
    const roomId = await createConference(laptop.page, world.baseUrl, {
      title: TITLE,
      region: 'Vogelsberg',
      venue: 'Bürgerhaus Schotten',
      tables: [{ title: 'Streuobst', question: 'Wer pflegt die Wiesen?' }]
    });
    await waitForStatus(laptop.page, 'saved');
    const links = await readShareLinks(laptop.page);
    await joinThroughLink(phone.page, links.participant, TITLE);
    await waitForStatus(phone.page, 'saved');
    expect(await phone.page.getByTestId('delete-relay').count()).toBe(0); // facilitators only

    // The participant deletes what they gave (nothing yet here): asked once, then done on the server too.
    await phone.page.getByRole('button', { name: 'Meine Angaben löschen …' }).click();
    const ask = phone.page.getByRole('alertdialog', {
      name: 'Deine Kontaktangaben und Unterstützungen löschen?'
    });
    await ask.getByRole('button', { name: 'Löschen', exact: true }).click();
    await phone.page
      .getByTestId('forget-me-outcome')
      .getByText('Deine Kontaktangaben und Unterstützungen sind gelöscht, auch auf dem Server.')
      .waitFor();
    expect(await laptop.page.getByTestId('forget-me').count()).toBe(0); // participants only

    // The day the server deletes it, set by the facilitator, announced on the phone.
    const section = laptop.page.getByTestId('delete-relay');
    await laptop.page.getByLabel('Vom Server löschen am').fill('2099-03-03');
    await laptop.page.getByRole('button', { name: 'Tag speichern' }).click();
    await laptop.page
      .getByTestId('retention-setting')
      .getByText('Diese Konferenz wird am 3. März 2099 vom Server gelöscht.')
      .waitFor();
    if (process.env.E2E_SHOTS) {
      await section.screenshot({ path: path.join(OUT, 'delete-laptop-section.png') });
    }
    await phone.page.reload();
    const note = phone.page.getByTestId('retention-note');
    await note.waitFor();
    expect((await note.innerText()).trim()).toBe('Diese Konferenz wird am 3. März 2099 vom Server gelöscht.');
    await shot(phone.page, 'phone-retention');

    await section.getByRole('button', { name: 'Vom Server löschen …' }).click();
    const dialog = laptop.page.getByRole('alertdialog', { name: `„${TITLE}“ endgültig vom Server löschen?` });
    await dialog.waitFor();
    await shot(laptop.page, 'laptop-dialog');
    // The red button does nothing until the name is typed out.
    await dialog.getByLabel(`Zur Bestätigung den Namen der Konferenz eingeben: ${TITLE}`).fill('Mitmach');
    await dialog.getByRole('button', { name: 'Endgültig löschen' }).click();
    await dialog.getByText(`Der Name stimmt noch nicht mit „${TITLE}“ überein.`).waitFor();
    expect(await phone.page.getByTestId('refusal').count()).toBe(0);

    await dialog.getByLabel(`Zur Bestätigung den Namen der Konferenz eingeben: ${TITLE}`).fill(TITLE);
    const deletedAt = Date.now();
    await dialog.getByRole('button', { name: 'Endgültig löschen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await laptop.page.getByText(`„${TITLE}“ ist vom Server gelöscht.`).waitFor();
    await laptop.page.locator('[data-testid="refusal"][data-refusal="deleted"]').waitFor();

    const notice = phone.page.locator('[data-testid="refusal"][data-refusal="deleted"]');
    await notice.waitFor({ timeout: 10_000 });
    const ms = Date.now() - deletedAt;
    console.log(`the open phone said it was deleted ${ms} ms after the deletion`);
    expect(ms).toBeLessThanOrEqual(EXPLAIN_WITHIN_MS);
    await notice.getByRole('heading', { name: 'Diese Konferenz wurde vom Server gelöscht' }).waitFor();
    await notice.getByText('Auf diesem Gerät ist deine Kopie noch da').waitFor();
    // The copy is still readable on the phone.
    await phone.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await waitForStatus(phone.page, 'offline');
    await checkScreen(phone.page, 'deleted conference');
    await shot(phone.page, 'phone-notice');
    await shot(laptop.page, 'laptop-notice');

    // The last copy leaves as a conference file, with everything the phone held.
    const [download] = await Promise.all([
      phone.page.waitForEvent('download'),
      notice.getByTestId('deleted-last-copy').click()
    ]);
    expect(download.suggestedFilename()).toMatch(/\.slt\.json$/);
    const lastCopy = fs.readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(lastCopy)).toMatchObject({ format: 'stadt-land-tisch/conference-file', roomId });

    expect((await databasesOf(phone.page, roomId)).length).toBeGreaterThan(0);
    await notice.getByRole('button', { name: 'Auch von diesem Gerät entfernen' }).click();
    const confirm = phone.page.getByRole('alertdialog', { name: `„${TITLE}“ von diesem Gerät entfernen?` });
    await confirm.getByRole('button', { name: 'Von diesem Gerät entfernen' }).click();
    await phone.page.getByRole('heading', { level: 1, name: 'Meine Konferenzen' }).waitFor();
    await phone.page.getByText(`„${TITLE}“ ist von diesem Gerät entfernt.`).waitFor();
    expect(await phone.page.getByTestId('conference-card').count()).toBe(0);
    expect(await databasesOf(phone.page, roomId)).toEqual([]);
  });
});

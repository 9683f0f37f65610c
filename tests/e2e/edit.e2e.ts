// Facilitators fix typos: the conference details and a Thementisch are edited in place, bad input is
// explained under its field (empty title, too long, last day before the first) with everything typed still
// there, and a removed table asks once before it goes. A participant's phone sees the corrections live.
import { describe, expect, it } from 'vitest';
import { useWorld, type Device, type World } from './harness';
import { createConference, joinThroughLink, readShareLinks, tableLinkName, waitForStatus } from './flows';

const TITLE = 'Mitmach-Konferenz Wendland';
const FIXED = 'Mitmach-Konferenz Wendland 2026';
const TABLE = 'Dorfladne';
const TABLE_FIXED = 'Dorfläden';

let world: World;
let laptop: Device;
let phone: Device;

useWorld(async (started) => {
  world = started;
  laptop = await world.newDevice('laptop', 'facilitator');
  phone = await world.newDevice('phone', 'participant');
});

describe('a facilitator corrects the conference', () => {
  it('edits the details, explains bad input under its field and keeps what was typed', async () => {
    await createConference(laptop.page, world.baseUrl, {
      title: TITLE,
      region: 'Lüchow-Dannenberg',
      venue: 'Gildehaus',
      tables: [
        { title: TABLE, question: 'Wie kommt der Laden ins Dorf zurück?', host: 'Ina' },
        { title: 'Bürgerenergie', question: 'Wer erzeugt den Strom?' }
      ]
    });
    const links = await readShareLinks(laptop.page);
    await joinThroughLink(phone.page, links.participant, TITLE, 'Tom');

    const page = laptop.page;
    await page.getByRole('button', { name: 'Angaben bearbeiten' }).click();
    const form = page.getByTestId('info-conference-form');
    const title = form.getByLabel('Titel der Konferenz');
    expect(await title.inputValue()).toBe(TITLE);

    await title.fill('   ');
    await form.getByLabel('Region').fill('Wendland');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.getByText('Bitte ausfüllen.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('info-title');
    expect(await form.getByLabel('Region').inputValue()).toBe('Wendland');

    // The limit and the count show while typing, and saving keeps everything typed.
    await title.fill('x'.repeat(121));
    await form.getByText('121 von 120 Zeichen').waitFor();
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.getByText('Zu lang – höchstens 120 Zeichen, jetzt 121.').waitFor();
    expect(await title.inputValue()).toBe('x'.repeat(121));

    await title.fill(FIXED);
    await form.getByLabel('Erster Tag').fill('2026-06-13');
    await form.getByLabel('Letzter Tag').fill('2026-06-12');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.getByText('Der letzte Tag liegt vor dem ersten.').waitFor();
    expect(await title.inputValue()).toBe(FIXED);
    expect(await form.getByLabel('Erster Tag').inputValue()).toBe('2026-06-13');
    // Nothing was written while the form was refused.
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(TITLE);

    await form.getByLabel('Letzter Tag').fill('2026-06-14');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 1, name: FIXED }).waitFor();
    await page.getByText('Wendland', { exact: true }).waitFor();
    await phone.page.getByRole('heading', { level: 1, name: FIXED }).waitFor({ timeout: 10_000 });
  });

  it('edits a table from its card, then removes another after asking once', async () => {
    const page = laptop.page;
    await page.getByRole('link', { name: `Tisch bearbeiten: „${TABLE}“` }).click();
    const form = page.getByTestId('table-form');
    await form.waitFor();
    const title = form.getByLabel('Titel des Tisches');
    expect(await title.inputValue()).toBe(TABLE);
    expect(await form.getByLabel('Tischleitung').inputValue()).toBe('Ina');

    await form.getByLabel('Leitfrage').fill('Wie kommt der Dorfladen zurück ins Dorf?');
    await title.fill('');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.getByText('Bitte ausfüllen.').waitFor();
    expect(await form.getByLabel('Leitfrage').inputValue()).toBe('Wie kommt der Dorfladen zurück ins Dorf?');
    await form.getByLabel('Tischleitung').fill('I'.repeat(61));
    await title.fill(TABLE_FIXED);
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.getByText('Zu lang – höchstens 60 Zeichen, jetzt 61.').waitFor();
    await form.getByLabel('Tischleitung').fill('Ina Meyer');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 1, name: TABLE_FIXED }).waitFor();
    await page.getByText('Wie kommt der Dorfladen zurück ins Dorf?').waitFor();
    await page.getByText('Tischleitung: Ina Meyer').waitFor();

    await page.getByRole('link', { name: 'Alle Thementische' }).click();
    await page.getByRole('link', { name: tableLinkName('Bürgerenergie') }).click();
    await page.getByRole('button', { name: 'Tisch bearbeiten' }).click();
    await page.getByRole('button', { name: 'Tisch entfernen' }).click();
    const confirm = page.getByRole('alertdialog').filter({ hasText: '„Bürgerenergie“ wirklich entfernen?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Abbrechen' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Tisch entfernen' }).click();
    await confirm.getByRole('button', { name: 'Tisch entfernen' }).click();

    await page.getByRole('heading', { level: 1, name: FIXED }).waitFor();
    const cards = page.getByTestId('table-list').getByRole('link', { name: /Tischleitung|Handlungsfeld/ });
    await expect(cards.count()).resolves.toBe(1);
    await page
      .getByTestId('table-list')
      .getByRole('link', { name: tableLinkName(TABLE_FIXED) })
      .waitFor();
    await waitForStatus(page, 'saved');
    await phone.page
      .getByTestId('table-list')
      .getByRole('link', { name: tableLinkName(TABLE_FIXED) })
      .waitFor({ timeout: 10_000 });
    await expect(
      phone.page
        .getByTestId('table-list')
        .getByRole('link', { name: tableLinkName('Bürgerenergie') })
        .count()
    ).resolves.toBe(0);
  });
});

// The programme as the app runs it: a facilitator starts a conference from the one-day template, runs its
// first items; the projector and a participant's phone show what runs now and next; an item running over
// shifts the rest of the day in one action; moving an item by keyboard retimes it; starting a Thementische
// item opens a closed round, so the phone can write again. A method card from the Werkzeugkasten adds its
// phases; an action adopted from the Aktionspool on the phone appears at a table on the laptop.
import { describe, expect, it } from 'vitest';
import { useWorld, type Device, type World } from './harness';
import { createConference, joinThroughLink, readShareLinks, waitForStatus } from './flows';

const TITLE = 'Mitmach-Konferenz Altmühltal';

let world: World;
let laptop: Device;
let phone: Device;

useWorld(async (started) => {
  world = started;
  laptop = await world.newDevice('laptop', 'facilitator');
  phone = await world.newDevice('phone', 'participant');
});

const nowTitle = (device: Device) => device.page.getByTestId('now-title');
const items = (device: Device) => device.page.getByTestId('programme-item');

async function itemText(device: Device, index: number): Promise<string> {
  return (await items(device).nth(index).innerText()).replace(/\s+/g, ' ');
}

describe('the programme', () => {
  it('starts from the one-day template and runs on the projector and phones', async () => {
    const roomId = await createConference(laptop.page, world.baseUrl, {
      title: TITLE,
      region: 'Altmühltal',
      venue: 'Bürgerhaus Beilngries',
      tables: [{ title: 'Bürgerenergie', question: 'Wie erzeugen wir Strom gemeinsam?' }]
    });
    const { participant } = await readShareLinks(laptop.page);

    await laptop.page.getByTestId('programme-open').click();
    await laptop.page.getByRole('heading', { level: 1, name: 'Programm' }).waitFor();
    await laptop.page.getByRole('button', { name: 'Eintägige Mitmach-Konferenz' }).click();
    await items(laptop).nth(10).waitFor();
    expect(await items(laptop).count()).toBe(11);
    expect(await itemText(laptop, 0)).toContain('09:30');
    expect(await itemText(laptop, 0)).toContain('Ankommen & Marktplatz der Initiativen');
    expect(await itemText(laptop, 6)).toContain('12:30');
    await waitForStatus(laptop.page, 'saved');

    // The phone of a participant: the conference page shows the programme's state.
    await joinThroughLink(phone.page, participant, TITLE, 'Anna');
    await phone.page.getByTestId('now-next').getByText('Das Programm hat noch nicht begonnen.').waitFor();

    // Close the round first: the Thementische item below opens it again.
    await laptop.page.goto(`${world.baseUrl}/c/${roomId}`);
    await laptop.page.getByRole('button', { name: 'Runde schließen' }).click();
    await laptop.page.getByRole('alertdialog').getByRole('button', { name: 'Für alle schließen' }).click();
    await laptop.page.getByRole('button', { name: 'Runde öffnen' }).waitFor();
    await laptop.page.getByTestId('programme-open').click();

    await laptop.page.getByRole('button', { name: 'Programm starten' }).click();
    await nowTitle(laptop).getByText('Ankommen & Marktplatz der Initiativen').waitFor();
    await nowTitle(phone).getByText('Ankommen & Marktplatz der Initiativen').waitFor({ timeout: 15_000 });
    await phone.page.getByTestId('next-title').getByText('Begrüßung').waitFor();

    // The projector (a second window of the facilitator's laptop) follows.
    const wall = await laptop.context.newPage();
    await wall.setViewportSize({ width: 1920, height: 1080 });
    await wall.goto(`${world.baseUrl}/c/${roomId}/programme/projector`);
    await wall.getByTestId('now-title').getByText('Ankommen & Marktplatz der Initiativen').waitFor();
    await laptop.page.getByRole('button', { name: 'Nächster Punkt' }).click();
    await laptop.page.getByRole('button', { name: 'Nächster Punkt' }).click();
    await wall.getByTestId('now-title').getByText('Impulsvortrag: Was unsere Region schon kann').waitFor();
    await nowTitle(phone)
      .getByText('Impulsvortrag: Was unsere Region schon kann')
      .waitFor({ timeout: 15_000 });
    expect(await wall.getByTestId('now-left').innerText()).toMatch(/noch (30|29) Min\./);
    expect(await items(laptop).nth(2).innerText()).toContain('läuft jetzt');

    // The talk runs over: the rest of the day moves by 15 minutes, the fixed lunch too.
    await laptop.page.getByRole('button', { name: /^\+15 Min\./ }).click();
    await items(laptop).nth(6).getByText('12:45').waitFor();
    expect(await itemText(laptop, 3)).toContain('11:00');

    // Moving by keyboard: the coffee break one place up, before round 1.
    await laptop.page.getByRole('button', { name: '„Kaffeepause“ nach oben verschieben' }).focus();
    await laptop.page.keyboard.press('Enter');
    await items(laptop).nth(3).getByText('Kaffeepause').waitFor();
    expect(await itemText(laptop, 3)).toContain('11:00');
    expect(await itemText(laptop, 4)).toContain('11:15');

    // Starting a Thementische item opens the round: the phone may write again.
    await phone.page.getByTestId('table-list').getByRole('link').first().click();
    await phone.page.getByTestId('round-locked').waitFor({ timeout: 15_000 });
    await laptop.page
      .getByRole('button', { name: '„Thementische – Runde 1: Ideen sammeln“ jetzt starten' })
      .click();
    await phone.page.getByLabel('Deine Idee').waitFor({ timeout: 15_000 });
    await wall.getByTestId('now-title').getByText('Thementische – Runde 1: Ideen sammeln').waitFor();
    await wall.getByTestId('next-title').getByText('Thementische – Runde 2: Ideen schärfen').waitFor();

    // The participant reads the whole programme, without controls.
    await phone.page.goto(`${world.baseUrl}/c/${roomId}/programme`);
    await items(phone).nth(10).waitFor();
    expect(await phone.page.getByTestId('item-edit').count()).toBe(0);
    expect(await phone.page.getByTestId('programme-next').count()).toBe(0);
    await wall.close();
  });

  it('adds a method card to the programme and adopts a pool action as an idea at a table', async () => {
    const roomPath = new URL(phone.page.url()).pathname.replace(/\/programme$/, '');
    await laptop.page.goto(`${world.baseUrl}${roomPath}/toolkit`);
    await laptop.page
      .getByTestId('method-list')
      .getByRole('link', { name: /^World Café/ })
      .click();
    await laptop.page.getByRole('heading', { level: 1, name: 'World Café' }).waitFor();
    await laptop.page.getByTestId('method-add').click();
    await laptop.page.getByText('„World Café“ ist jetzt im Programm.').waitFor();
    await laptop.page.goto(`${world.baseUrl}${roomPath}/programme`);
    await items(laptop).nth(15).waitFor();
    expect(await itemText(laptop, 15)).toContain('World Café: Ernte');

    // The participant finds the action with an umlaut spelt out and a compound word, and adopts it.
    await phone.page.goto(`${world.baseUrl}${roomPath}`);
    await phone.page.getByTestId('pool-open').click();
    await phone.page.getByTestId('pool-query').fill('Buergerenergie');
    const card = phone.page.getByTestId('pool-action').first();
    await card.getByRole('heading', { name: 'Bürgerenergie-Genossenschaft' }).waitFor();
    await phone.page.getByTestId('pool-query').fill('energie');
    await phone.page
      .getByTestId('pool-results')
      .getByRole('heading', { name: 'Bürgerenergie-Genossenschaft' })
      .waitFor();
    await phone.page.getByTestId('pool-query').fill('Buergerenergie');
    await card.getByRole('heading', { name: 'Bürgerenergie-Genossenschaft' }).waitFor();
    await card.getByRole('button', { name: '„Bürgerenergie-Genossenschaft“ als Idee übernehmen' }).click();
    await phone.page
      .getByText('„Bürgerenergie-Genossenschaft“ ist jetzt eine Idee am Tisch „Bürgerenergie“.')
      .waitFor();

    await laptop.page.goto(`${world.baseUrl}${roomPath}`);
    await laptop.page
      .getByTestId('table-list')
      .getByRole('link', { name: /^Bürgerenergie/ })
      .click();
    await laptop.page
      .getByTestId('idea-list')
      .getByText(/^Bürgerenergie-Genossenschaft/)
      .waitFor({ timeout: 15_000 });
    expect(await laptop.page.getByTestId('idea-list').innerText()).toContain(
      'Geeignete Dächer oder Flächen suchen'
    );
  });
});

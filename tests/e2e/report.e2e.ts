// The Ergebnisdokumentation end to end: a conference seeded through the relay (tables with questions,
// ideas, clusters, a revealed vote, an Ernte, a programme, initiatives with places, action plans with
// steps and people, one contact given with consent and one supporter who gave none) is opened through a
// facilitator's join link in Chromium, its report printed to PDF (the same steps as `npm run room --
// report`) and read back with pdftotext: every plan, person, table question and German heading is there,
// nobody's contact but the consenting one, a page count that fits, and text written to look like HTML
// stays text (no script runs). With the network gone the report is made again and the page opened anew
// from the service worker and the device's documents. The pages go to tests/e2e/screenshots/ as PNGs
// when SCREENSHOTS=1.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCluster,
  addHarvestStep,
  addIdea,
  addCooperation,
  addInitiative,
  addPlan,
  addProgrammeItem,
  addStep,
  addSupporter,
  addTable,
  contactEntryUpdate,
  initConference,
  setBallotPoints,
  setHarvestClusters,
  setHarvestResults,
  setVoteState,
  startVote,
  updatePlan
} from '../../src/lib/doc';
import type { IdeaId, InitiativeId } from '../../src/lib/model';
import { reportPdf } from '../../scripts/room-report';
import { connectClient, type TestClient } from '../helpers/relay';
import { checkScreen } from './a11y';
import { OFFLINE_NOISE, useWorld, type Device, type World } from './harness';
import { serviceWorkerState, waitForStatus } from './flows';

const XSS = '<img src=x onerror="window.__xss=1">';
const XSS_SCRIPT = '<script>window.__xss=2</script>';
const SHOTS = process.env.SCREENSHOTS === '1' ? 'tests/e2e/screenshots' : null;

const TABLES = [
  { title: 'Mobilität', question: 'Wie kommen alle ohne eigenes Auto ans Ziel?', host: 'Ina Berger' },
  { title: 'Kreislaufwirtschaft', question: `Was reparieren wir gemeinsam? ${XSS}`, host: 'Jonas Weber' }
];
const PLANS = [
  {
    title: 'Bürgerbus Oberallgäu',
    contact: 'Aylin Demir',
    steps: [
      { text: 'Fahrerinnen und Fahrer finden', who: 'Peter Huber', due: '2027-03-03' },
      { text: 'Fahrplan mit dem Landkreis abstimmen', who: 'Aylin Demir', due: '2027-04-15' }
    ]
  },
  {
    title: `Repair-Café ${XSS_SCRIPT}`,
    contact: 'Marta Schmid',
    steps: [{ text: 'Raum im Rathaus anfragen', who: 'Lena Vogt', due: null }]
  }
];
const CONSENTED = { name: 'Sabine Kontaktfreudig', contact: 'sabine@example.org' };
const NOT_CONSENTED = 'Bernd Ohnezustimmung';

let world: World;
let laptop: Device;
let pdfText = '';
let pdfPages = 0;
let tmp = '';

useWorld(async (started) => {
  world = started;
  world.watch.allow(...OFFLINE_NOISE);
  laptop = await world.newDevice('laptop', 'facilitator');
});

function ok<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`seeding failed: ${String(r.error)}`);
  return r.value;
}

/** Writes the whole conference through the relay with the facilitator's link, as the app would. */
async function seed(): Promise<{ roomId: string; token: string }> {
  const room = await world.relay.createRoom({ title: 'Zukunftskonferenz' });
  const token = room.tokens.facilitator;
  const open = (path: string, control = false) =>
    connectClient(world.relay.wsUrl, path, token, { control, ack: true });
  const control = open(room.roomId, true);
  const shared = open(room.roomId);
  const plans = open(`${room.roomId}/plans`);
  const facilitators = open(`${room.roomId}/facilitators`);
  const clients: TestClient[] = [control, shared, plans, facilitators];
  await Promise.all(clients.map((c) => c.whenSynced(10_000)));
  const c = control.doc;
  const s = shared.doc;
  ok(
    initConference(c, {
      title: 'Zukunftskonferenz Oberallgäu',
      region: 'Landkreis Oberallgäu',
      venue: 'Kurhaus Sonthofen',
      startDate: '2027-03-03',
      endDate: '2027-03-04'
    })
  );
  addProgrammeItem(c, {
    kind: 'welcome',
    title: 'Begrüßung durch den Landrat',
    duration: 20,
    fixedStart: 540
  });
  addProgrammeItem(c, { kind: 'tables', title: 'Thementische', duration: 90 });
  const docs = { control: c, shared: s };
  const tableIds = TABLES.map((t) => ok(addTable(c, t)));
  for (const [i, tableId] of tableIds.entries()) {
    const ideas: IdeaId[] = [];
    for (let n = 1; n <= 6; n++)
      ideas.push(ok(addIdea(s, { tableId, text: `Idee ${n} an Tisch ${i + 1}${n === 1 ? ` ${XSS}` : ''}` })));
    const a = ok(addCluster(c, tableId, `Schwerpunkt A${i + 1}`, ideas.slice(0, 3)));
    const b = ok(addCluster(c, tableId, `Schwerpunkt B${i + 1}`, ideas.slice(3, 5)));
    const vote = ok(startVote(c, tableId, { target: 'clusters', budget: 3, multiple: true }));
    for (let p = 0; p < 5; p++) {
      ok(setBallotPoints(docs, vote, `voter${i}x${p}`, a, 2));
      ok(setBallotPoints(docs, vote, `voter${i}x${p}`, b, 1));
    }
    ok(setVoteState(c, vote, { status: 'closed', revealed: true }));
    ok(setHarvestResults(c, tableId, `Ergebnis von Tisch ${i + 1}: gemeinsam weiter.`));
    ok(setHarvestClusters(c, tableId, [{ title: `Schwerpunkt A${i + 1}`, points: 10 }]));
    ok(addHarvestStep(c, tableId, { text: `Treffen nach der Konferenz ${i + 1}`, who: 'Kai Lorenz' }));
  }
  const repair = ok(
    addInitiative(docs, {
      name: `Repair-Café Sonthofen ${XSS}`,
      status: 'exists',
      place: 'Sonthofen',
      coords: { lat: 47.515, lon: 10.283 },
      needs: 'Ersatzteile und Lötkolben',
      offers: 'Reparaturen jeden ersten Samstag'
    })
  );
  const bench = ok(
    addInitiative(docs, {
      name: 'Mitfahrbank Immenstadt',
      status: 'planned',
      coords: { lat: 47.56, lon: 10.22 }
    })
  );
  ok(
    addCooperation(s, {
      a: repair as InitiativeId,
      b: bench as InitiativeId,
      kind: 'possible',
      note: 'Gemeinsamer Stand am Markttag'
    })
  );
  ok(addInitiative(docs, { name: 'Foodsharing Kempten', status: 'needed' }));
  ok(addSupporter(s, { initiativeId: repair as InitiativeId, kind: 'contact', name: NOT_CONSENTED }));
  for (const spec of PLANS) {
    const id = ok(addPlan(plans.doc, { title: spec.title, goal: `Ziel: ${spec.title}` }));
    ok(updatePlan(plans.doc, id, { contact: spec.contact }));
    for (const step of spec.steps) ok(addStep(plans.doc, id, step));
  }
  Y.applyUpdate(facilitators.doc, ok(contactEntryUpdate({ initiativeId: repair, ...CONSENTED })));
  await Promise.all(clients.map((cl) => cl.whenSaved(10_000)));
  for (const cl of clients) cl.destroy();
  return { roomId: room.roomId, token };
}

describe('Ergebnisdokumentation', () => {
  it('prints the report of a seeded conference to PDF through the join link', async () => {
    const { roomId, token } = await seed();
    const page = laptop.page;
    await page.addInitScript(() => {
      window.alert = () => ((window as unknown as { __xss: number }).__xss = 3);
    });
    const pdf = await reportPdf(page, `${world.baseUrl}/join/${roomId}#${token}`, 30_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'slt-report-'));
    const file = path.join(tmp, 'report.pdf');
    fs.writeFileSync(file, pdf);
    pdfText = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    pdfPages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
    if (SHOTS) {
      fs.mkdirSync(SHOTS, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '50', file, path.join(SHOTS, 'report-page')]);
      await page.screenshot({ path: `${SHOTS}/report-laptop.png` });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${SHOTS}/report-phone.png` });
      await page.getByTestId('report-vote-bars').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/report-phone-vote.png` });
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await checkScreen(page, 'report');
  });

  it('holds every heading, table question, plan and person', () => {
    const text = pdfText.replace(/\s+/g, ' ');
    for (const heading of [
      'Ergebnisdokumentation',
      'Inhalt',
      'Programm',
      'Landkarte der Initiativen',
      'Lücken-Matrix',
      'Thementische',
      'Ernte',
      'Abstimmungsergebnis',
      'Aktionspläne',
      'Nächste Schritte',
      'Kontaktliste',
      'Zusammenarbeit'
    ])
      expect(text).toContain(heading);
    // What an initiative looks for and offers, how many answered (counted, no names), who could cooperate.
    expect(text).toContain('Wir suchen: Ersatzteile und Lötkolben');
    expect(text).toContain('Wir bieten: Reparaturen jeden ersten Samstag');
    expect(text).toContain('Rückmeldungen – mitmachen: 0, helfen: 0, Kontakt erbeten: 1');
    expect(text).toMatch(/Repair-Café Sonthofen .* – 2 Mitfahrbank Immenstadt könnten zusammenarbeiten/);
    expect(text).toContain('Gemeinsamer Stand am Markttag');
    expect(text).toContain('3.–4. März 2027');
    expect(text).toContain('Landkreis Oberallgäu');
    expect(text).toMatch(/Erstellt am \d{1,2}\. \S+ \d{4}/);
    for (const t of TABLES) {
      expect(text).toContain(t.title);
      expect(text).toContain(`„${t.question}“`);
      expect(text).toContain(`Tischleitung: ${t.host} · 6 Ideen`);
    }
    for (const plan of PLANS) {
      expect(text).toContain(plan.title);
      expect(text).toContain(plan.contact);
      for (const step of plan.steps) {
        expect(text).toContain(step.text);
        expect(text).toContain(step.who);
      }
    }
    expect(text).toContain('bis 3. März 2027');
    expect(text).toContain('Kai Lorenz');
    expect(text).toContain('Schwerpunkt A1');
    expect(text).toContain('10 Punkte');
    expect(text).toContain('Mitfahrbank Immenstadt');
    expect(text).toContain('Begrüßung durch den Landrat');
  });

  it('lists only the contact given with consent', () => {
    const text = pdfText.replace(/\s+/g, ' ');
    expect(text).toContain(CONSENTED.name);
    expect(text).toContain(CONSENTED.contact);
    expect(text).not.toContain(NOT_CONSENTED);
  });

  it('shows markup typed into text fields as text', () => {
    const text = pdfText.replace(/\s+/g, '');
    expect(text).toContain(XSS.replace(/\s+/g, ''));
    expect(text).toContain(XSS_SCRIPT.replace(/\s+/g, ''));
  });

  it('is made again, and opened anew, with no network', async () => {
    const page = laptop.page;
    expect(await serviceWorkerState(page)).toBe('activated');
    await laptop.context.setOffline(true);
    await waitForStatus(page, 'offline');
    const report = page.getByTestId('report');
    const before = await report.getAttribute('data-made-at');
    await page.getByTestId('report-remake').click();
    await expect.poll(() => report.getAttribute('data-made-at')).not.toBe(before);
    await page.reload();
    await page
      .getByTestId('report-plan')
      .nth(PLANS.length - 1)
      .waitFor();
    expect(await page.getByTestId('report-contacts').textContent()).toContain(CONSENTED.contact);
    await laptop.context.setOffline(false);
    await waitForStatus(page, 'saved', 30_000);
  });

  it('has a page count that fits the content', () => {
    // Title, contents, programme, Landkarte (matrix, map, list), two tables, plans, contacts.
    expect(pdfPages).toBeGreaterThanOrEqual(7);
    expect(pdfPages).toBeLessThanOrEqual(16);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});

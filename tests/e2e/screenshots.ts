// Takes German screenshots of the main screens at phone (390×844) and laptop (1280×800) size against a
// running app + relay: `npx tsx tests/e2e/screenshots.ts [baseUrl]` (default http://localhost:8790).
// Output goes to tests/e2e/screenshots/ (gitignored). A facilitator creates a conference on the laptop,
// a participant joins from a phone through the share link and writes ideas, once also offline.
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';

const BASE = process.argv[2] ?? 'http://localhost:8790';
const OUT = 'tests/e2e/screenshots';
mkdirSync(OUT, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--lang=de-DE'
  ]
});

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage });
  console.log(`${OUT}/${name}.png`);
}

const statusIs = (page: Page, status: string) =>
  page.locator(`[data-testid="connection-status"][data-status="${status}"]`).waitFor({ timeout: 15_000 });

try {
  // ——— laptop: the facilitator prepares the conference ———
  const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
  const fac = await laptop.newPage();
  fac.on('pageerror', (e) => console.error('page error (laptop):', e.message));
  await fac.goto(BASE);
  await fac.getByRole('heading', { name: 'Meine Konferenzen' }).waitFor();
  await shot(fac, 'laptop-1-start-empty');

  await fac.getByRole('button', { name: 'Neue Konferenz anlegen' }).click();
  await fac.getByLabel('Titel der Konferenz').fill('Mitmach-Konferenz Chiemgau');
  await fac.getByLabel('Region').fill('Chiemgau');
  await fac.getByLabel('Veranstaltungsort').fill('Kulturhalle Traunstein');
  await fac.getByLabel('Erster Tag').fill('2026-03-14');
  await fac.getByLabel('Letzter Tag').fill('2026-03-15');
  await shot(fac, 'laptop-2-new-form');
  await fac.getByRole('button', { name: 'Konferenz anlegen', exact: true }).click();
  await fac.getByRole('heading', { name: 'Mitmach-Konferenz Chiemgau' }).waitFor();
  await statusIs(fac, 'saved');

  const tables = [
    [
      'Dorfladen in jedem Ort',
      'Wie bekommen kleine Orte wieder einen Laden mit regionalen Lebensmitteln?',
      'Maria Huber',
      'Landwirtschaft & Ernährung'
    ],
    [
      'Bürgerenergie',
      'Wie können Menschen aus der Region gemeinsam Sonnenstrom erzeugen?',
      'Josef Bauer',
      'Energie'
    ],
    ['Mitfahrbank und Rufbus', 'Wie kommen Menschen ohne Auto zum Arzt und zum Einkaufen?', '', 'Mobilität']
  ] as const;
  for (const [title, question, host, field] of tables) {
    await fac.getByRole('button', { name: 'Thementisch hinzufügen' }).click();
    await fac.getByLabel('Titel des Tisches').fill(title);
    await fac.getByLabel('Leitfrage').fill(question);
    if (host) await fac.getByLabel('Tischleitung').fill(host);
    await fac.getByLabel('Handlungsfeld', { exact: true }).selectOption({ label: field });
    await fac.getByRole('button', { name: 'Tisch anlegen' }).click();
    await fac.getByRole('link', { name: new RegExp(`^${title}`) }).waitFor();
  }
  await statusIs(fac, 'saved');
  await shot(fac, 'laptop-3-conference', true);

  await fac.getByRole('button', { name: 'Teilen' }).click();
  await fac.getByRole('dialog', { name: 'Konferenz teilen' }).waitFor();
  await fac.locator('[data-testid="share-participant"] img').waitFor();
  await shot(fac, 'laptop-4-share-dialog');
  const participantLink = await fac.locator('#link-participant').inputValue();
  const viewerLink = await fac.locator('#link-viewer').inputValue();
  await fac.getByRole('link', { name: 'Groß zeigen (Beamer)' }).click();
  await fac.getByText('Mit dem Handy scannen und mitmachen').waitFor();
  await shot(fac, 'laptop-5-projector');

  // ——— phone: a participant joins through the link and writes ideas ———
  const phoneCtx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'de-DE'
  });
  const phone = await phoneCtx.newPage();
  phone.on('pageerror', (e) => console.error('page error (phone):', e.message));
  await phone.goto(participantLink);
  await phone.getByLabel('Wie sollen andere dich sehen? (freiwillig)').waitFor();
  await shot(phone, 'phone-1-join');
  if (new URL(phone.url()).hash) throw new Error('token still in the address bar');
  await phone.getByLabel('Wie sollen andere dich sehen? (freiwillig)').fill('Anna');
  await phone.getByRole('button', { name: 'Weiter zur Konferenz' }).click();
  await phone.getByRole('heading', { name: 'Mitmach-Konferenz Chiemgau' }).waitFor();
  await statusIs(phone, 'saved');
  await shot(phone, 'phone-2-conference');
  await shot(phone, 'phone-2b-conference-full', true);
  await phone.getByRole('button', { name: 'Teilen' }).click();
  await phone.locator('[data-testid="share-participant"] img').waitFor();
  await shot(phone, 'phone-2c-share-dialog');
  await phone.getByRole('dialog').getByRole('button', { name: 'Schließen' }).click();

  await phone.getByRole('link', { name: /^Dorfladen in jedem Ort/ }).click();
  await phone.getByRole('heading', { name: 'Dorfladen in jedem Ort' }).waitFor();
  await shot(phone, 'phone-3-table-empty');
  const ideas = [
    'Ein Dorfladen als Genossenschaft: alle im Ort können Anteile kaufen.',
    'Versorgungsautomat mit Milch, Eiern und Käse von den Höfen ringsum.',
    'Ehrenamtliche Lieferfahrten für ältere Menschen.'
  ];
  for (const idea of ideas) {
    await phone.getByLabel('Deine Idee').fill(idea);
    await phone.getByRole('button', { name: 'Idee senden' }).click();
    await phone.getByText(idea).waitFor();
  }
  await statusIs(phone, 'saved');
  await shot(phone, 'phone-4-table-ideas');

  await phone.getByLabel('Deine Idee').fill('x'.repeat(520));
  await phone.getByRole('button', { name: 'Idee senden' }).click();
  await shot(phone, 'phone-5-too-long');
  await phone.getByLabel('Deine Idee').fill('');

  await phoneCtx.setOffline(true);
  await statusIs(phone, 'offline');
  await phone.getByLabel('Deine Idee').fill('Streuobstwiese am Ortsrand gemeinsam pflegen.');
  await phone.getByRole('button', { name: 'Idee senden' }).click();
  await phone.getByText('1 Änderung wartet auf den Server').waitFor();
  await shot(phone, 'phone-6-offline-pending');
  await phoneCtx.setOffline(false);
  await statusIs(phone, 'saved');

  await phone.goto(BASE);
  await phone.getByTestId('conference-card').waitFor();
  await shot(phone, 'phone-7-start');

  // ——— the laptop sees the ideas; a viewer; a refused link ———
  await fac.goto(
    `${new URL(participantLink).origin}${new URL(participantLink).pathname.replace('/join/', '/c/')}`
  );
  await fac.getByRole('link', { name: /^Dorfladen in jedem Ort/ }).click();
  await fac.getByText('Streuobstwiese am Ortsrand gemeinsam pflegen.').waitFor();
  await shot(fac, 'laptop-6-table-ideas');

  const viewerCtx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    locale: 'de-DE'
  });
  const viewer = await viewerCtx.newPage();
  await viewer.goto(viewerLink);
  await viewer.getByRole('button', { name: 'Weiter zur Konferenz' }).click();
  await viewer.getByRole('link', { name: /^Dorfladen in jedem Ort/ }).click();
  await viewer.getByText('Du schaust nur zu').waitFor();
  await shot(viewer, 'phone-8-viewer-table');

  const bad = await viewerCtx.newPage();
  const roomPath = new URL(participantLink).pathname;
  await bad.goto(`${BASE}${roomPath}#p_${'A'.repeat(24)}`);
  await bad.getByTestId('refusal').waitFor({ timeout: 15_000 });
  await shot(bad, 'phone-9-refused-link');

  await fac.goto(BASE);
  await fac.getByTestId('conference-card').waitFor();
  await shot(fac, 'laptop-8-start-with-conference');
  await fac.goBack();
  await fac.getByRole('button', { name: 'English' }).click();
  await shot(fac, 'laptop-7-english-table');
} finally {
  await browser.close();
}

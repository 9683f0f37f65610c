// The steps people take in the app, written once for every e2e file: create a conference with a
// Thementisch, read the share links, join through a link, open a table, send an idea, wait for a
// connection status. Everything goes through accessible names and the documented test ids.
import type { Page } from 'playwright-core';

export type Status = 'offline' | 'connecting' | 'synced' | 'saved';

export interface ConferenceSpec {
  title: string;
  region: string;
  venue: string;
  tables: { title: string; question: string; host?: string }[];
}

/** The facilitator creates a conference and its tables on the start page; returns its room id. */
export async function createConference(page: Page, baseUrl: string, spec: ConferenceSpec): Promise<string> {
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Neue Konferenz anlegen' }).click();
  await page.getByLabel('Titel der Konferenz').fill(spec.title);
  await page.getByLabel('Region').fill(spec.region);
  await page.getByLabel('Veranstaltungsort').fill(spec.venue);
  await page.getByRole('button', { name: 'Konferenz anlegen', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: spec.title }).waitFor();
  for (const table of spec.tables) {
    await page.getByRole('button', { name: 'Thementisch hinzufügen' }).click();
    await page.getByLabel('Titel des Tisches').fill(table.title);
    await page.getByLabel('Leitfrage').fill(table.question);
    if (table.host) await page.getByLabel('Tischleitung').fill(table.host);
    await page.getByRole('button', { name: 'Tisch anlegen' }).click();
    await page
      .getByTestId('table-list')
      .getByRole('link', { name: tableLinkName(table.title) })
      .waitFor();
  }
  const match = /\/c\/([A-Za-z0-9_-]{8,64})$/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not on a conference page: ${page.url()}`);
  return match[1];
}

export interface ShareLinks {
  participant: string;
  /** Only a device that has the viewer token (the one that created the conference) can show it. */
  viewer: string | null;
  /** The participant QR image's src. */
  participantQr: string;
}

/** Opens "Teilen", reads both links and the participant QR image, and closes the dialog again. */
export async function readShareLinks(page: Page, keepOpen = false): Promise<ShareLinks> {
  await page.getByRole('button', { name: 'Teilen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Konferenz teilen' });
  await dialog.waitFor();
  const img = dialog.getByTestId('share-participant').locator('img');
  await img.waitFor();
  const viewerInput = dialog.locator('#link-viewer');
  const links: ShareLinks = {
    participant: await dialog.locator('#link-participant').inputValue(),
    viewer: (await viewerInput.count()) > 0 ? await viewerInput.inputValue() : null,
    participantQr: (await img.getAttribute('src')) ?? ''
  };
  if (!keepOpen) {
    await dialog.getByRole('button', { name: 'Schließen' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
  return links;
}

/** The facilitator creates the conference and reads its share links: where most scenarios begin. */
export async function createSharedConference(
  page: Page,
  baseUrl: string,
  spec: ConferenceSpec
): Promise<{ roomId: string; links: ShareLinks }> {
  const roomId = await createConference(page, baseUrl, spec);
  return { roomId, links: await readShareLinks(page) };
}

/** Joins through a link (as `joinThroughLink`) and opens the table `table` of the conference `title`. */
export async function joinAtTable(
  page: Page,
  link: string,
  title: string,
  table: string,
  name = ''
): Promise<void> {
  await joinThroughLink(page, link, title, name);
  await openTable(page, table);
}

/** Opens a join link, gives a name (optional; viewers are not asked) and goes on to the conference `title`. */
export async function joinThroughLink(
  page: Page,
  link: string,
  title: string,
  name = '',
  /** Runs once the name question shows (the client bench notes the time there). */
  atNameQuestion?: () => Promise<void>
): Promise<void> {
  await page.goto(link);
  await page.getByTestId('join-form').waitFor();
  await atNameQuestion?.();
  if (name) await page.getByLabel('Wie sollen andere dich sehen? (freiwillig)').fill(name);
  await page.getByRole('button', { name: 'Weiter zur Konferenz' }).click();
  // The join page names the conference in its heading too: wait for the conference page itself.
  await page.waitForURL(/\/c\/[A-Za-z0-9_-]+$/);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** A table card's link (its name starts with the title), not the facilitator's edit link next to it. */
export function tableLinkName(title: string): RegExp {
  return new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

export async function openTable(page: Page, title: string): Promise<void> {
  await page
    .getByTestId('table-list')
    .getByRole('link', { name: tableLinkName(title) })
    .click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** Types and sends an idea, and waits until this page lists it. */
export async function sendIdea(page: Page, text: string): Promise<void> {
  await page.getByLabel('Deine Idee').fill(text);
  await page.getByRole('button', { name: 'Idee senden' }).click();
  await ideaItem(page, text).waitFor();
}

export function ideaItem(page: Page, text: string) {
  return page.getByTestId('idea-list').getByText(text, { exact: true });
}

export async function waitForStatus(page: Page, status: Status, timeout = 15_000): Promise<void> {
  await page.locator(`[data-testid="connection-status"][data-status="${status}"]`).waitFor({ timeout });
}

export async function readStatus(page: Page): Promise<string | null> {
  return page.getByTestId('connection-status').getAttribute('data-status');
}

/**
 * The state this page's service worker reaches: 'activated' once it installed and activated (it installs
 * from the first visit), or a sentence after `timeoutMs`.
 */
export function serviceWorkerState(page: Page, timeoutMs = 10_000): Promise<string> {
  return page.evaluate(
    (ms) =>
      Promise.race([
        navigator.serviceWorker.ready.then(
          ({ active }) =>
            new Promise<string>((resolve) => {
              if (!active || active.state === 'activated') return resolve(active?.state ?? 'none');
              active.addEventListener(
                'statechange',
                () => active.state === 'activated' && resolve(active.state)
              );
            })
        ),
        new Promise<string>((resolve) =>
          setTimeout(() => resolve(`no service worker after ${ms / 1000} s`), ms)
        )
      ]),
    timeoutMs
  );
}

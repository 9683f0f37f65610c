// Links the relay refuses are explained within seconds, never left spinning: a wrong token for a real
// room, a well-formed link to a room the relay does not know, and a participant link revoked while the
// conference is open on the phone. A refused join leaves no conference behind on the device.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateRoomId } from '../../sync-server/src/auth';
import { useWorld, type World } from './harness';
import { readStatus, waitForStatus } from './flows';

const EXPLAIN_WITHIN_MS = 5000;

let world: World;

useWorld(async (started) => {
  world = started;
  // Chromium logs the refused answer of the access check (`GET /api/rooms/<id>/access`), which is exactly
  // what this file provokes; the app reads its status and explains it. (A revoked link is closed with
  // 4403 and y-websocket does not retry, so no refused WebSocket upgrade shows up here.)
  world.watch.allow({
    pattern: /Failed to load resource: the server responded with a status of (401|403|404)/,
    reason: 'the access check of a refused link'
  });
});

const wellFormedToken = (prefix: 'p' | 'v') => `${prefix}_${randomBytes(18).toString('base64url')}`;

/** Opens `link` and returns how long it took until the refusal was explained, and which one. */
async function openRefused(page: Page, link: string): Promise<{ ms: number; refusal: string | null }> {
  const started = Date.now();
  await page.goto(link);
  const notice = page.getByTestId('refusal');
  await notice.waitFor({ timeout: 10_000 });
  const ms = Date.now() - started;
  return { ms, refusal: await notice.getAttribute('data-refusal') };
}

async function expectExplained(page: Page, sentence: string): Promise<void> {
  const notice = page.getByRole('alert').filter({ has: page.getByText('Dieser Link funktioniert nicht') });
  await expect(notice.getByText(sentence).isVisible()).resolves.toBe(true);
  await expect(notice.getByText('Bitte die Moderation um einen neuen Link.').isVisible()).resolves.toBe(true);
  expect(await page.getByText('Link wird geprüft').count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Weiter zur Konferenz' }).count()).toBe(0);
}

async function expectNoConferenceOnDevice(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Zur Startseite' }).click();
  await page.getByRole('heading', { level: 1, name: 'Meine Konferenzen' }).waitFor();
  await page.getByText('Auf diesem Gerät ist noch keine Konferenz.').waitFor();
  expect(await page.getByTestId('conference-card').count()).toBe(0);
}

describe('refused links', () => {
  it('explains a wrong token for an existing room', async () => {
    const room = await world.relay.createRoom({ title: 'Echte Konferenz' });
    const { page } = await world.newDevice('phone', 'wrong-token');
    const wrong = wellFormedToken('p');
    expect(wrong).not.toBe(room.tokens.participant);
    const { ms, refusal } = await openRefused(page, `${world.baseUrl}/join/${room.roomId}#${wrong}`);
    console.log(`wrong token explained after ${ms} ms`);
    expect(refusal).toBe('bad-token');
    expect(ms).toBeLessThanOrEqual(EXPLAIN_WITHIN_MS);
    await expectExplained(page, 'Der Zugangscode im Link ist falsch oder gilt nicht mehr.');
    await expectNoConferenceOnDevice(page);
  });

  it('explains a link to a room the relay does not know', async () => {
    const { page } = await world.newDevice('phone', 'unknown-room');
    const link = `${world.baseUrl}/join/${generateRoomId()}#${wellFormedToken('p')}`;
    const { ms, refusal } = await openRefused(page, link);
    console.log(`unknown room explained after ${ms} ms`);
    expect(refusal).toBe('unknown-room');
    expect(ms).toBeLessThanOrEqual(EXPLAIN_WITHIN_MS);
    await expectExplained(page, 'Diese Konferenz gibt es auf dem Server nicht (mehr).');
    await expectNoConferenceOnDevice(page);
  });

  it('explains a participant link revoked while the conference is open', async () => {
    const room = await world.relay.createRoom({ title: 'Bald widerrufen' });
    const { page } = await world.newDevice('phone', 'revoked');
    await page.goto(`${world.baseUrl}/join/${room.roomId}#${room.tokens.participant}`);
    await page.getByRole('button', { name: 'Weiter zur Konferenz' }).click();
    await page.getByText('Du nimmst teil und kannst Ideen beitragen.').waitFor();
    await waitForStatus(page, 'saved');
    expect(await page.getByTestId('refusal').count()).toBe(0);

    const revokedAt = Date.now();
    expect(await world.relay.relay.revokeLinks(room.roomId, { role: 'participant' })).toBe(1);
    const notice = page.getByTestId('refusal');
    await notice.waitFor({ timeout: 10_000 });
    const ms = Date.now() - revokedAt;
    console.log(`revoked link explained ${ms} ms after the revocation`);
    expect(ms).toBeLessThanOrEqual(EXPLAIN_WITHIN_MS);
    expect(await notice.getAttribute('data-refusal')).toBe('revoked');
    await expectExplained(page, 'Die Moderation hat diesen Link zurückgezogen.');
    expect(await readStatus(page)).toBe('offline');
  });
});

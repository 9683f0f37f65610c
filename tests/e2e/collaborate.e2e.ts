// Working together live: a facilitator creates a conference and a Thementisch on a laptop and shares the
// participant link (with a real QR code); a participant joins on a phone and sends an idea, which the
// facilitator sees within two seconds; both end "saved". A viewer sees the idea but cannot write.
import { describe, expect, it } from 'vitest';
import { qrDataUrl } from '../../src/lib/ui/shared/qr';
import { useWorld, type Device, type World } from './harness';
import {
  createConference,
  ideaItem,
  joinThroughLink,
  openTable,
  readShareLinks,
  waitForStatus,
  type ShareLinks
} from './flows';

const TITLE = 'Mitmach-Konferenz Rupertiwinkel';
const TABLE = 'Regionale Lebensmittel';
const IDEA = 'Ein Hofladen-Automat am Bahnhof, bestückt von drei Höfen.';

let world: World;
let facilitator: Device;
let participant: Device;
let links: ShareLinks;

useWorld(async (started) => {
  world = started;
  facilitator = await world.newDevice('laptop', 'facilitator');
  participant = await world.newDevice('phone', 'participant');
});

describe('facilitator and participant work on one conference', () => {
  it('creates a conference with a Thementisch and shares a participant link with a real QR code', async () => {
    const roomId = await createConference(facilitator.page, world.baseUrl, {
      title: TITLE,
      region: 'Rupertiwinkel',
      venue: 'Pfarrsaal Laufen',
      tables: [{ title: TABLE, question: 'Wie kommt mehr aus der Region auf den Teller?', host: 'Vroni' }]
    });
    await waitForStatus(facilitator.page, 'saved');

    links = await readShareLinks(facilitator.page);
    expect(links.participant).toMatch(new RegExp(`^${world.baseUrl}/join/${roomId}#p_[A-Za-z0-9_-]{20,}$`));
    expect(links.viewer).toMatch(new RegExp(`^${world.baseUrl}/join/${roomId}#v_[A-Za-z0-9_-]{20,}$`));
    expect(links.participant).not.toBe(links.viewer);

    expect(links.participantQr.startsWith('data:image/svg+xml')).toBe(true);
    const svg = decodeURIComponent(links.participantQr.slice(links.participantQr.indexOf(',') + 1));
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // A QR code's dark modules: one long path of moves (a blank SVG would have none).
    const dark = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg);
    expect(dark?.[1]?.length ?? 0).toBeGreaterThan(500);
    // …and it is the code of exactly this link, not of another one.
    expect(links.participantQr).toBe(await qrDataUrl(links.participant));
  });

  it('shows an idea from the phone on the laptop within 2 s, and both reach "saved"', async () => {
    await joinThroughLink(participant.page, links.participant, TITLE, 'Anna');
    expect(new URL(participant.page.url()).hash).toBe('');
    await openTable(participant.page, TABLE);
    await facilitator.page.getByTestId('table-list').waitFor();
    await openTable(facilitator.page, TABLE);
    await waitForStatus(participant.page, 'saved');

    // The laptop notes the moment the idea's text appears; the phone notes the moment of the click.
    const seen = facilitator.page.evaluate(
      (text) =>
        new Promise<number>((resolve) => {
          const check = () => {
            if (document.querySelector('[data-testid="idea-list"]')?.textContent?.includes(text)) {
              observer.disconnect();
              resolve(Date.now());
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        }),
      IDEA
    );
    await participant.page.getByLabel('Deine Idee').fill(IDEA);
    const send = participant.page.getByRole('button', { name: 'Idee senden' });
    await send.evaluate((button) =>
      button.addEventListener('click', () => ((window as { clickAt?: number }).clickAt = Date.now()), {
        once: true
      })
    );
    const clickedFromNode = Date.now();
    await send.click();
    const appearedAt = await Promise.race([
      seen,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error('idea not seen in 10 s')), 10_000))
    ]);
    const clickAt = await participant.page.evaluate(() => (window as { clickAt?: number }).clickAt ?? 0);
    expect(clickAt).toBeGreaterThanOrEqual(clickedFromNode);
    const latency = appearedAt - clickAt;
    console.log(`facilitator saw the idea ${latency} ms after the participant's click`);
    expect(latency).toBeGreaterThanOrEqual(0);
    expect(latency).toBeLessThanOrEqual(2000);

    await expect(ideaItem(facilitator.page, IDEA).isVisible()).resolves.toBe(true);
    await expect(facilitator.page.getByTestId('idea-list').getByText('Anna').isVisible()).resolves.toBe(true);
    await waitForStatus(participant.page, 'saved');
    await waitForStatus(facilitator.page, 'saved');
  });

  it('lets a viewer see the idea but offers no idea composer', async () => {
    const viewer = await world.newDevice('phone', 'viewer');
    await joinThroughLink(viewer.page, links.viewer ?? 'no viewer link', TITLE);
    await expect(viewer.page.getByText('Du schaust nur zu.').isVisible()).resolves.toBe(true);
    await openTable(viewer.page, TABLE);
    await ideaItem(viewer.page, IDEA).waitFor();
    await waitForStatus(viewer.page, 'saved');
    await expect(
      viewer.page.getByText('Du schaust nur zu und kannst keine Ideen schreiben.').isVisible()
    ).resolves.toBe(true);
    expect(await viewer.page.getByTestId('idea-composer').count()).toBe(0);
    expect(await viewer.page.getByLabel('Deine Idee').count()).toBe(0);
    expect(await viewer.page.getByRole('button', { name: 'Idee senden' }).count()).toBe(0);
    // The participant's phone has the composer on the same table (so its absence above means something).
    expect(await participant.page.getByTestId('idea-composer').count()).toBe(1);
  });
});

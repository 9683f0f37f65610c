// The facilitators-only document: the laptop that created the conference puts the share links there, so a
// second facilitator device (the projector laptop) that opens the facilitator link shows the same join QR
// code. Participants cannot open that document (the relay refuses them at the upgrade).
import { describe, expect, it } from 'vitest';
import { useWorld, type Device, type World } from './harness';
import { createConference, joinThroughLink, readShareLinks, waitForStatus } from './flows';

const TITLE = 'Zukunftskonferenz Traunstein';

let world: World;
let laptop: Device;
let projector: Device;

useWorld(async (started) => {
  world = started;
  laptop = await world.newDevice('laptop', 'facilitator');
  projector = await world.newDevice('laptop', 'projector');
});

describe('a second facilitator device', () => {
  it('shows the same join QR code as the device that created the conference', async () => {
    const roomId = await createConference(laptop.page, world.baseUrl, {
      title: TITLE,
      region: 'Chiemgau',
      venue: 'Rathaus',
      tables: []
    });
    await waitForStatus(laptop.page, 'saved');
    const own = await readShareLinks(laptop.page, true);
    const dialog = laptop.page.getByRole('dialog', { name: 'Konferenz teilen' });
    const facilitatorLink = await dialog.locator('#link-facilitator').inputValue();
    expect(facilitatorLink).toMatch(new RegExp(`/join/${roomId}#f_`));
    await dialog.getByRole('button', { name: 'Schließen' }).click();

    await joinThroughLink(projector.page, facilitatorLink, TITLE);
    await waitForStatus(projector.page, 'saved');
    const there = await readShareLinks(projector.page);
    expect(there.participant).toBe(own.participant);
    expect(there.viewer).toBe(own.viewer);
    expect(there.participantQr).toBe(own.participantQr);

    // A note of the moderation team written on one facilitator device reaches the other (only theirs:
    // it lives in the facilitators' document, which the relay gives no other role).
    const NOTE = 'Herr Maier möchte nicht fotografiert werden.';
    const notes = laptop.page.getByTestId('moderation-notes');
    await notes.getByText(/Notizen der Moderation/).click();
    await notes.getByTestId('moderation-note-text').fill(NOTE);
    await notes.getByTestId('moderation-note-add').click();
    await notes.getByTestId('moderation-note').getByText(NOTE).waitFor();
    const elsewhere = projector.page.getByTestId('moderation-notes');
    await elsewhere.getByText('Notizen der Moderation (1)').click();
    await elsewhere.getByTestId('moderation-note').getByText(NOTE).waitFor();
  });
});

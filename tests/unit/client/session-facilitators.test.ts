// The facilitators-only document in the session: the device that has the share tokens (it created the
// conference) writes them there once it synced; another facilitator device, which only has the facilitator
// link, takes them from there into its record, so its share dialog and QR page show the join links.
import { describe, expect, it, vi } from 'vitest';
import { db, getConference } from '../../../src/lib/persistence/db';
import { deleteConferenceStores } from '../../../src/lib/persistence/store-names';
import { setShareToken, shareLinksOf } from '../../../src/lib/state/links.svelte';
import { makeToken } from '../../../src/lib/model';
import { useSessionRelay } from '../../helpers/session-relay';

const t = useSessionRelay();

const facilitatorDevice = (shareTokens?: { participant: string; viewer: string }) =>
  t.open('facilitator', { record: shareTokens ? { shareTokens } : {} });

describe('share links on every facilitator device', () => {
  it('reach a second facilitator device through the facilitators-only document', async () => {
    const { roomId, tokens } = t.relay.room;
    const first = await facilitatorDevice({ participant: tokens.participant, viewer: tokens.viewer });
    const links = shareLinksOf(first);
    await vi.waitFor(() => expect(first.connection.status).toBe('saved'), { timeout: 10_000 });
    await t.close(first);

    // Another device: nothing of this conference but the facilitator link.
    await db.conferences.clear();
    await deleteConferenceStores(roomId);
    const second = await facilitatorDevice();
    expect(shareLinksOf(second).participant).toBeNull();
    await vi.waitFor(() => expect(shareLinksOf(second)).toEqual(links), { timeout: 10_000 });
    expect((await getConference(roomId))?.shareTokens).toEqual({
      participant: tokens.participant,
      viewer: tokens.viewer
    });

    // A link renewed on this device reaches the others; one revoked elsewhere disappears here.
    const other = t.client(tokens.facilitator, { path: '/facilitators' });
    await other.whenSynced();
    const renewed = makeToken('participant');
    await setShareToken(second, 'participant', renewed);
    await vi.waitFor(() => expect(other.doc.getMap('links').get('participant')).toBe(renewed));
    other.doc.getMap('links').delete('viewer');
    await vi.waitFor(() => expect(shareLinksOf(second).viewer).toBeNull());
    expect((await getConference(roomId))?.shareTokens).toEqual({ participant: renewed });
  });
});

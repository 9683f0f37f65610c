// The facilitators-only document `/sync/<roomId>/facilitators`: facilitators read and write it; participants
// and viewers are refused at the upgrade (403 facilitators_only), so not one byte of it reaches them.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useCleanups } from '../helpers/cleanups';
import { connectClient, upgradeStatus } from '../helpers/relay';
import { relayStarter } from '../helpers/relay-starter';
import { sessionToken } from '../helpers/ownership';

const defer = useCleanups();
const relayFor = relayStarter(defer);

describe('the facilitators-only document', () => {
  it('is read and written by facilitators only', async () => {
    const t = await relayFor();
    const { roomId, tokens } = t.room;
    const url = (token: string) => `${t.wsUrl}/${roomId}/facilitators?token=${encodeURIComponent(token)}`;
    expect(await upgradeStatus(url(tokens.participant))).toBe(403);
    expect(await upgradeStatus(url(tokens.viewer))).toBe(403);
    expect(await upgradeStatus(url(await sessionToken(t.url, roomId, tokens.participant)))).toBe(403);
    expect(await upgradeStatus(`${t.wsUrl}/${roomId}/secret?token=${tokens.facilitator}`)).toBe(404);

    const writer = connectClient(t.wsUrl, `${roomId}/facilitators`, tokens.facilitator, { ack: true });
    defer(() => writer.destroy());
    await writer.whenSynced();
    writer.doc.getMap('links').set('participant', tokens.participant);
    await writer.whenSaved();

    const facilitatorSession = await sessionToken(t.url, roomId, tokens.facilitator);
    const reader = connectClient(t.wsUrl, `${roomId}/facilitators`, facilitatorSession);
    defer(() => reader.destroy());
    await reader.whenSynced();
    expect(reader.doc.getMap('links').get('participant')).toBe(tokens.participant);
    // The shared and control documents do not carry it.
    const shared = connectClient(t.wsUrl, roomId, tokens.participant);
    defer(() => shared.destroy());
    await shared.whenSynced();
    expect(Y.encodeStateAsUpdate(shared.doc).length).toBeLessThan(10);
  });
});

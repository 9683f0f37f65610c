// Participants append contact details to the facilitators-only document without reading it
// (sync-server/src/facilitators-append.ts): a new entry of an append root from a fresh client is stored
// and reaches the facilitators' sockets; anything else (another root such as the share links, an existing
// key, a used client id, a deletion) is refused with 422; only participants append.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useCleanups } from '../helpers/cleanups';
import { connectClient, waitFor, type TestRelay } from '../helpers/relay';
import { relayStarter } from '../helpers/relay-starter';
import { changeOf } from '../helpers/ownership';

const defer = useCleanups();
const relayFor = relayStarter(defer);

function entry(root: string, key: string, doc = new Y.Doc()): { doc: Y.Doc; update: Uint8Array } {
  const update = changeOf(doc, (d) => {
    const map = new Y.Map<unknown>();
    d.getMap(root).set(key, map);
    map.set('name', 'Resi');
    map.set('contact', 'resi@example.org');
  });
  return { doc, update };
}

async function append(t: TestRelay, token: string, update: Uint8Array): Promise<number> {
  const response = await fetch(`${t.url}/api/rooms/${t.room.roomId}/facilitators/append`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ update: Buffer.from(update).toString('base64url') })
  });
  return response.status;
}

describe('appending to the facilitators-only document', () => {
  it('takes a participant’s new contact entry, and nothing else', async () => {
    const t = await relayFor();
    const { roomId, tokens } = t.room;
    const facilitator = connectClient(t.wsUrl, `${roomId}/facilitators`, tokens.facilitator, { ack: true });
    defer(() => facilitator.destroy());
    await facilitator.whenSynced();
    facilitator.doc.getMap('links').set('participant', tokens.participant);
    await facilitator.whenSaved();

    const first = entry('contacts', 'c1');
    expect(await append(t, tokens.participant, first.update)).toBe(201);
    await waitFor(() => facilitator.doc.getMap('contacts').has('c1'));
    expect((facilitator.doc.getMap('contacts').get('c1') as Y.Map<unknown>).toJSON()).toEqual({
      name: 'Resi',
      contact: 'resi@example.org'
    });

    expect(await append(t, tokens.participant, entry('links', 'viewer').update)).toBe(422);
    expect(await append(t, tokens.participant, entry('contacts', 'c1').update)).toBe(422); // key exists
    // The same client again (continuing its own entry is not an append either).
    expect(await append(t, tokens.participant, entry('contacts', 'c2', first.doc).update)).toBe(422);
    const removal = changeOf(first.doc, (d) => d.getMap('contacts').delete('c1'));
    expect(await append(t, tokens.participant, removal)).toBe(422);
    expect(await append(t, tokens.facilitator, entry('contacts', 'c3').update)).toBe(403);
    expect(await append(t, tokens.viewer, entry('contacts', 'c4').update)).toBe(403);
    expect(await append(t, 'p_' + 'x'.repeat(30), entry('contacts', 'c5').update)).toBe(403);
    expect(facilitator.doc.getMap('links').get('participant')).toBe(tokens.participant);
    expect([...facilitator.doc.getMap('contacts').keys()]).toEqual(['c1']);
  });
});

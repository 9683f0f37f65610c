// Who is offered the form to complete an initiative: the device that entered it and facilitators. The relay
// refuses anyone else's write into it (ownership by client id), so offering the form to others would only
// lose what they typed. The device is recognised by a tag derived from its participant key.
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createConferenceDocs, initConference } from '../../src/lib/doc';
import type { RoomId } from '../../src/lib/model';
import { Landkarte, ownerTagFor } from '../../src/lib/state/landkarte.svelte';
import type { ConferenceSession } from '../../src/lib/state/session.svelte';

/** A device's view of one shared set of documents: only what Landkarte reads of a session. */
function device(docs: ReturnType<typeof createConferenceDocs>, participantKey: string, facilitator = false) {
  const session = {
    roomId: 'room-owner',
    docs,
    record: { participantKey },
    canWrite: true,
    canAddIdeas: true,
    canModerate: facilitator
  } as unknown as ConferenceSession;
  return new Landkarte(session);
}

describe('Landkarte.mayEdit', () => {
  test('the adding device and facilitators may complete an initiative, other participants may not', () => {
    const docs = createConferenceDocs('room-owner' as RoomId);
    initConference(docs.control, { title: 'Konferenz' });
    const anna = device(docs, 'key-anna');
    const ben = device(docs, 'key-ben');
    const moderation = device(docs, 'key-f', true);
    const added = anna.add({ name: 'Repair-Café' });
    expect(added.ok).toBe(true);
    const ini = anna.data.initiatives.find((i) => i.name === 'Repair-Café')!;
    expect(ini.ownerTag).toBe(ownerTagFor('key-anna'));
    expect(anna.mayEdit(ini)).toBe(true);
    expect(ben.mayEdit(ini)).toBe(false);
    expect(moderation.mayEdit(ini)).toBe(true);
    // An imported initiative (no tag) is for facilitators to complete.
    const imported = moderation.importAll([{ name: 'Solawi' }]);
    expect(imported.ok).toBe(true);
    const solawi = moderation.data.initiatives.find((i) => i.name === 'Solawi')!;
    expect(solawi.ownerTag).toBe('');
    expect(anna.mayEdit(solawi)).toBe(false);
    expect(moderation.mayEdit(solawi)).toBe(true);
  });

  test('a malformed tag from a remote peer reads as none', () => {
    const docs = createConferenceDocs('room-owner' as RoomId);
    const remote = new Y.Doc();
    const entry = new Y.Map<unknown>();
    remote.getMap('initiatives').set('x'.repeat(22), entry);
    entry.set('name', 'Fremd');
    entry.set('ownerTag', 42);
    Y.applyUpdate(docs.shared, Y.encodeStateAsUpdate(remote));
    const ini = device(docs, 'key-anna').data.initiatives.find((i) => i.name === 'Fremd');
    expect(ini?.ownerTag).toBe('');
  });
});

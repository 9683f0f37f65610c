// `npm run room -- import <facilitator link> FILE` with a conference file, as a child process against a
// running relay: a copy of the conference changed offline (an idea, a plan) while the relay's changed too;
// the CLI merges the file into every document over the relay and exits once the relay confirmed saving, so
// connected devices see both sides. A damaged, truncated or foreign-conference file exits 1 and changes
// nothing.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addIdea,
  addPlan,
  addTable,
  createConferenceDocs,
  createFacilitatorsDoc,
  createPlansDoc,
  initConference,
  readIdeas,
  readPlans
} from '../../src/lib/doc';
import { encodeDocStates } from '../../src/lib/doc/conference-file';
import { newRoomId, type RoomId } from '../../src/lib/model';
import { encodeConferenceFile } from '../../src/lib/model/conference-file';
import { useCleanups } from '../helpers/cleanups';
import { connectClient, waitFor, type TestClient } from '../helpers/relay';
import { room, startCliRelay } from '../helpers/room-cli';

const defer = useCleanups();

/** A device's connection to one document of the conference (`path` after the room id, '' for shared). */
function connect(wsUrl: string, roomId: string, token: string, doc: Y.Doc, path = ''): TestClient {
  const client = connectClient(wsUrl, roomId, token, { doc, path });
  defer(() => client.destroy());
  return client;
}

describe('room import of a conference file over the relay', () => {
  it(
    'merges a copy changed apart, and refuses damaged files with nothing changed',
    { timeout: 120_000 },
    async () => {
      const cli = await startCliRelay(defer);
      const { relay, roomId, tokens, dir } = cli;
      const link = cli.link(tokens.facilitator);

      // A facilitator's device online: conference, a table, an idea.
      const live = createConferenceDocs(roomId as RoomId);
      const livePlans = createPlansDoc(roomId as RoomId);
      const providers = [
        connect(relay.wsUrl, roomId, tokens.facilitator, live.shared),
        connect(relay.wsUrl, roomId, tokens.facilitator, live.control, '/control'),
        connect(relay.wsUrl, roomId, tokens.facilitator, livePlans, '/plans')
      ];
      await Promise.all(providers.map((p) => p.whenSynced()));
      initConference(live.control, { title: 'Kempten' });
      const table = addTable(live.control, { title: 'Energie' });
      if (!table.ok) throw new Error(table.error);
      addIdea(live.shared, { tableId: table.value, text: 'Solardach' });
      await waitFor(() => providers.every((p) => p.provider.synced));

      // A laptop takes a copy and goes offline; both sides change the conference apart.
      const copy = createConferenceDocs(roomId as RoomId);
      const copyPlans = createPlansDoc(roomId as RoomId);
      const copyFacilitators = createFacilitatorsDoc(roomId as RoomId);
      Y.applyUpdate(copy.shared, Y.encodeStateAsUpdate(live.shared));
      Y.applyUpdate(copy.control, Y.encodeStateAsUpdate(live.control));
      addIdea(copy.shared, { tableId: table.value, text: 'Vom Stick' });
      addPlan(copyPlans, { title: 'Radweg nach Ulm' });
      addIdea(live.shared, { tableId: table.value, text: 'Am Relay' });

      const file = await encodeConferenceFile({
        version: 1,
        createdAt: Date.now(),
        roomId: roomId as RoomId,
        title: 'Kempten',
        role: 'participant',
        token: tokens.participant,
        docs: encodeDocStates({ ...copy, plans: copyPlans })
      });
      const good = path.join(dir, 'kempten.slt.json');
      fs.writeFileSync(good, file);
      const flipped = file.slice();
      flipped[Math.floor(file.length * 0.7)]! ^= 2;
      fs.writeFileSync(path.join(dir, 'flipped.slt.json'), flipped);
      fs.writeFileSync(path.join(dir, 'cut.slt.json'), file.slice(0, file.length >> 1));
      const otherRoom = await encodeConferenceFile({
        version: 1,
        createdAt: Date.now(),
        roomId: newRoomId(),
        title: 'Anderswo',
        role: 'facilitator',
        token: tokens.facilitator,
        docs: encodeDocStates({ ...copy, plans: copyPlans, facilitators: copyFacilitators })
      });
      fs.writeFileSync(path.join(dir, 'other.slt.json'), otherRoom);

      const before = {
        shared: Y.encodeStateAsUpdate(live.shared),
        control: Y.encodeStateAsUpdate(live.control),
        plans: Y.encodeStateAsUpdate(livePlans)
      };
      for (const [name, words] of [
        ['flipped.slt.json', 'damaged'],
        ['cut.slt.json', 'incomplete'],
        ['other.slt.json', 'the link names']
      ]) {
        const refused = await room(['import', link, path.join(dir, name!)]);
        expect(refused.code, refused.stderr).toBe(1);
        expect(refused.stderr).toContain(words);
        expect(refused.stderr).toContain('nothing changed');
      }
      // A participant's link may not import at all.
      const participant = await room(['import', cli.link(tokens.participant), good]);
      expect(participant.code).toBe(2);
      // Nothing of the refused attempts reached the conference.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(Y.encodeStateAsUpdate(live.shared)).toEqual(before.shared);
      expect(Y.encodeStateAsUpdate(live.control)).toEqual(before.control);
      expect(Y.encodeStateAsUpdate(livePlans)).toEqual(before.plans);

      const imported = await room(['import', link, good]);
      expect(imported.code, imported.stderr).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({
        imported: roomId,
        docs: ['shared', 'control', 'plans']
      });
      // The connected device sees both sides, without reconnecting.
      const ideas = await waitFor(() => {
        const list = readIdeas(live.shared)
          .map((i) => i.text)
          .sort();
        return list.length === 3 ? list : null;
      });
      expect(ideas).toEqual(['Am Relay', 'Solardach', 'Vom Stick']);
      await waitFor(() => readPlans(livePlans).length === 1);
      expect(readPlans(livePlans).map((p) => p.title)).toEqual(['Radweg nach Ulm']);

      // Stored: a device that connects afterwards gets it from the relay.
      const later = createPlansDoc(roomId as RoomId);
      await connect(relay.wsUrl, roomId, tokens.viewer, later, '/plans').whenSynced();
      expect(readPlans(later).map((p) => p.title)).toEqual(['Radweg nach Ulm']);
    }
  );
});

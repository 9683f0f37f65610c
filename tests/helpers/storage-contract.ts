// The Storage contract as one shared vitest suite, run against every store (SQLite in a temp dir,
// PostgreSQL in a throw-away schema): room registration results, links, revocation, expiry fields, the
// update log round trip and its order, compaction that keeps the document identical, appends and a second
// compactor racing a compaction, and close. A store location can be opened several times: a second
// instance stands for another relay process (or the CLI) sharing the same database.

import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { LinkInput, NewRoom, Storage } from '../../sync-server/src/storage/types';
import { mulberry32 } from './random';

export interface StoreLocation {
  /** Opens one more instance on the same data (another process's view). */
  open(): Promise<Storage>;
  /** Removes the data (temp dir, schema); instances are closed before. */
  destroy(): Promise<void>;
}

const hash = (c: string): string => c.repeat(64).slice(0, 64);
const link = (role: LinkInput['role'], c: string, expiresAt: number | null = null): LinkInput => ({
  role,
  tokenHash: hash(c),
  expiresAt
});
const stateOf = (updates: Uint8Array[]): { json: unknown; sv: Uint8Array } => {
  const doc = new Y.Doc();
  updates.forEach((u) => Y.applyUpdate(doc, u));
  const result = { json: doc.getMap('m').toJSON(), sv: Y.encodeStateVector(doc) };
  doc.destroy();
  return result;
};

/** `count` small Yjs updates from one client: sets, overwrites and deletes (unless `setsOnly`) on map `m`. */
export function randomEdits(
  random: () => number,
  count: number,
  doc = new Y.Doc(),
  setsOnly = false
): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array): number => updates.push(u);
  doc.on('update', onUpdate);
  for (let i = 0; i < count; i++) {
    const key = setsOnly ? `k${i}` : `k${Math.floor(random() * 20)}`;
    if (!setsOnly && random() < 0.2) doc.getMap('m').delete(key);
    else doc.getMap('m').set(key, `${i}:${Math.floor(random() * 1e6)}`);
  }
  doc.off('update', onUpdate);
  return updates;
}

export function describeStorageContract(
  title: string,
  enabled: boolean,
  makeLocation: () => Promise<StoreLocation>
): void {
  describe.skipIf(!enabled)(title, () => {
    const cleanups: Array<() => Promise<unknown>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    const fresh = async (): Promise<{ store: Storage; location: StoreLocation }> => {
      const location = await makeLocation();
      cleanups.push(() => location.destroy());
      return { store: await another(location), location };
    };
    const another = async (location: StoreLocation): Promise<Storage> => {
      const store = await location.open();
      cleanups.push(() => store.close());
      return store;
    };
    const room = (roomId: string, links: LinkInput[], title: string | null = 'Konferenz'): NewRoom => ({
      roomId,
      title,
      links
    });
    const seed = Number(process.env.SEED ?? Date.now() % 2 ** 31);

    it('registers rooms: created, exists on an identical repeat, conflict otherwise', async () => {
      const { store } = await fresh();
      const links = [link('facilitator', 'a'), link('participant', 'b', 1_900_000_000_000)];
      expect(await store.createRoom(room('room-0001', links, 'Erste'), 1000)).toBe('created');
      expect(await store.createRoom(room('room-0001', [...links].reverse(), 'Zweite'), 2000)).toBe('exists');
      expect(await store.createRoom(room('room-0001', [links[0]!]), 3000)).toBe('conflict');
      expect(await store.createRoom(room('room-0001', [links[0]!, link('participant', 'b', 5)]), 3000)).toBe(
        'conflict'
      );
      expect(
        await store.createRoom(room('room-0001', [links[0]!, link('viewer', 'b', 1_900_000_000_000)]), 1)
      ).toBe('conflict');
      expect(await store.getRoom('room-0001')).toEqual({
        roomId: 'room-0001',
        title: 'Erste',
        createdAt: 1000
      });
      expect(await store.getRoom('room-none')).toBeNull();
      expect(await store.createRoom(room('room-0002', [link('viewer', 'c')], null), 500)).toBe('created');
      expect(await store.listRooms()).toEqual([
        { roomId: 'room-0002', title: null, createdAt: 500 },
        { roomId: 'room-0001', title: 'Erste', createdAt: 1000 }
      ]);
    });

    it('stores links with role, expiry and creation time, and revokes them by hash, role or all', async () => {
      const { store } = await fresh();
      await store.createRoom(
        room('room-link', [
          link('facilitator', 'f'),
          link('participant', 'p', 1_700_000_000_123),
          link('viewer', 'v')
        ]),
        42
      );
      expect(await store.findLink('room-link', hash('p'))).toEqual({
        roomId: 'room-link',
        tokenHash: hash('p'),
        role: 'participant',
        createdAt: 42,
        expiresAt: 1_700_000_000_123,
        revokedAt: null,
        scope: null
      });
      expect(await store.findLink('room-link', hash('x'))).toBeNull();
      expect(await store.findLink('room-else', hash('p'))).toBeNull();
      expect((await store.listLinks('room-link')).map((l) => l.role).sort()).toEqual([
        'facilitator',
        'participant',
        'viewer'
      ]);

      expect(await store.revokeLinks('room-link', { tokenHash: hash('v') }, 100)).toBe(1);
      expect(await store.revokeLinks('room-link', { tokenHash: hash('v') }, 200)).toBe(0);
      expect((await store.findLink('room-link', hash('v')))?.revokedAt).toBe(100);
      expect(await store.revokeLinks('room-link', { role: 'facilitator' }, 300)).toBe(1);
      expect(await store.revokeLinks('room-link', { role: 'participant', tokenHash: hash('f') }, 300)).toBe(
        0
      );
      expect(await store.revokeLinks('room-link', {}, 400)).toBe(1);
      expect((await store.listLinks('room-link')).map((l) => [l.role, l.revokedAt]).sort()).toEqual([
        ['facilitator', 300],
        ['participant', 400],
        ['viewer', 100]
      ]);
      expect(await store.revokeLinks('room-else', {}, 500)).toBe(0);
    });

    it('stores client-id bindings with the updates, first binding wins, visible to another instance', async () => {
      const { store, location } = await fresh();
      const doc = new Y.Doc();
      doc.getMap('m').set('k', 1);
      const update = Y.encodeStateAsUpdate(doc);
      await store.appendUpdates([
        {
          docName: 'doc-o',
          updates: [update],
          owners: [
            [7, 'p:aaa'],
            [2 ** 32 - 1, 'f']
          ]
        }
      ]);
      // A later binding of the same client id (another instance, a race) does not replace the first.
      await store.appendUpdates([
        {
          docName: 'doc-o',
          updates: [],
          owners: [
            [7, 'p:bbb'],
            [8, 'p:bbb']
          ]
        }
      ]);
      const other = await another(location);
      const owners = (await other.loadDoc('doc-o')).owners ?? [];
      expect([...owners].sort((x, y) => x[0] - y[0])).toEqual([
        [7, 'p:aaa'],
        [8, 'p:bbb'],
        [2 ** 32 - 1, 'f']
      ]);
      expect((await other.loadDoc('doc-o/control')).owners).toEqual([]);
      await store.compactDoc('doc-o');
      expect((await other.loadDoc('doc-o')).owners).toHaveLength(3);
    });

    it('adds links to a room, renews a role in one step, and finds a link by its hash alone', async () => {
      const { store } = await fresh();
      const hash = (s: string) => createHash('sha256').update(s).digest('hex');
      await store.createRoom(
        {
          roomId: 'room-add',
          title: null,
          links: [
            { role: 'participant', tokenHash: hash('p1'), expiresAt: null },
            { role: 'viewer', tokenHash: hash('v1'), expiresAt: null }
          ]
        },
        10
      );
      const link = (name: string) => ({
        role: 'participant' as const,
        tokenHash: hash(name),
        expiresAt: null
      });
      expect(await store.addLink('room-add', link('p2'), 20)).toEqual({ result: 'added', revoked: 0 });
      expect(await store.addLink('room-add', link('p2'), 25)).toEqual({ result: 'exists', revoked: 0 });
      expect(await store.addLink('room-none', link('p9'), 25)).toEqual({ result: 'no_room', revoked: 0 });
      expect(await store.addLink('room-add', link('p3'), 30, { replace: true })).toEqual({
        result: 'added',
        revoked: 2
      });
      const byHash = async (name: string) => {
        const found = await store.findLinkByHash(hash(name));
        return found && [found.roomId, found.role, found.createdAt, found.revokedAt];
      };
      expect(await byHash('p1')).toEqual(['room-add', 'participant', 10, 30]);
      expect(await byHash('p2')).toEqual(['room-add', 'participant', 20, 30]);
      expect(await byHash('p3')).toEqual(['room-add', 'participant', 30, null]);
      expect(await byHash('v1')).toEqual(['room-add', 'viewer', 10, null]);
      expect(await byHash('nothing')).toBeNull();
    });

    it('keeps a plan link’s scope; renewing or revoking a role leaves scoped links alone', async () => {
      const { store } = await fresh();
      const hash = (s: string) => createHash('sha256').update(s).digest('hex');
      await store.createRoom(
        {
          roomId: 'room-scope',
          title: null,
          links: [{ role: 'participant', tokenHash: hash('p'), expiresAt: null }]
        },
        10
      );
      const plan = {
        role: 'participant' as const,
        tokenHash: hash('plan'),
        expiresAt: null,
        scope: 'P1-x_y'
      };
      expect(await store.addLink('room-scope', plan, 20)).toEqual({ result: 'added', revoked: 0 });
      expect((await store.findLink('room-scope', hash('plan')))?.scope).toBe('P1-x_y');
      expect((await store.findLinkByHash(hash('plan')))?.scope).toBe('P1-x_y');
      expect((await store.findLink('room-scope', hash('p')))?.scope).toBeNull();
      expect((await store.listLinks('room-scope')).map((l) => l.scope)).toEqual([null, 'P1-x_y']);
      const renewed = { role: 'participant' as const, tokenHash: hash('p2'), expiresAt: null };
      expect(await store.addLink('room-scope', renewed, 30, { replace: true })).toEqual({
        result: 'added',
        revoked: 1
      });
      expect(await store.revokeLinks('room-scope', { role: 'participant', unscoped: true }, 40)).toBe(1);
      expect((await store.findLink('room-scope', hash('plan')))?.revokedAt).toBeNull();
      expect(await store.revokeLinks('room-scope', { tokenHash: hash('plan') }, 50)).toBe(1);
      expect((await store.findLink('room-scope', hash('plan')))?.revokedAt).toBe(50);
    });

    it('round-trips updates in write order, per document, visible to another instance once appended', async () => {
      const { store, location } = await fresh();
      expect(await store.loadDoc('doc-a')).toEqual({
        updates: [],
        stateVector: null,
        logRows: 0,
        logBytes: 0,
        owners: []
      });
      const a = [Uint8Array.of(1, 2, 3), Uint8Array.of(4), new Uint8Array(70_000).fill(7)];
      const b = [Uint8Array.of(9, 9)];
      await store.appendUpdates([
        { docName: 'doc-a', updates: a.slice(0, 2) },
        { docName: 'doc-a/control', updates: b }
      ]);
      await store.appendUpdates([
        { docName: 'doc-a', updates: a.slice(2) },
        { docName: 'doc-x', updates: [] }
      ]);
      await store.appendUpdates([]);
      const other = await another(location);
      const loaded = await other.loadDoc('doc-a');
      expect(loaded.updates.map((u) => Buffer.from(u).toString('hex'))).toEqual(
        a.map((u) => Buffer.from(u).toString('hex'))
      );
      expect(loaded.logRows).toBe(3);
      expect(loaded.logBytes).toBe(3 + 1 + 70_000);
      expect((await other.loadDoc('doc-a/control')).updates.map((u) => [...u])).toEqual([[9, 9]]);
      expect(await other.loadDoc('doc-x')).toEqual({
        updates: [],
        stateVector: null,
        owners: [],
        logRows: 0,
        logBytes: 0
      });
    });

    it('lists the documents under a prefix, exactly (no wildcards), from log and snapshot alike', async () => {
      const { store, location } = await fresh();
      const one = randomEdits(mulberry32(3), 2, new Y.Doc(), true);
      await store.appendUpdates([
        { docName: 'room_a/sealed/t-1/pid-b', updates: one },
        { docName: 'room_a/sealed/t-1/pid-a', updates: one },
        { docName: 'room_a/sealed/t-10/pid-c', updates: one },
        { docName: 'room_a/sealed/t_1/pid-d', updates: one }, // `_` must not match `-`
        { docName: 'room_a', updates: one },
        { docName: 'room_a/sealed/t-1/pid-e', updates: [] }
      ]);
      expect(await store.compactDoc('room_a/sealed/t-1/pid-b')).not.toBeNull(); // snapshot only now
      const other = await another(location);
      expect(await other.listDocs('room_a/sealed/t-1/')).toEqual([
        'room_a/sealed/t-1/pid-a',
        'room_a/sealed/t-1/pid-b'
      ]);
      expect(await other.listDocs('room_a/sealed/t-1')).toEqual([
        'room_a/sealed/t-1/pid-a',
        'room_a/sealed/t-1/pid-b',
        'room_a/sealed/t-10/pid-c'
      ]);
      expect(await store.listDocs('room_b/')).toEqual([]);
    });

    it('compacts into one snapshot that rebuilds the identical document', async () => {
      const { store } = await fresh();
      const random = mulberry32(seed);
      const doc = new Y.Doc();
      const first = randomEdits(random, 60, doc);
      await store.appendUpdates([{ docName: 'doc-c', updates: first }]);
      const before = stateOf((await store.loadDoc('doc-c')).updates);
      const result = await store.compactDoc('doc-c');
      expect(result?.rowsMerged, `seed ${seed}`).toBe(first.length);
      const after = await store.loadDoc('doc-c');
      expect(after.updates).toHaveLength(1);
      expect([after.logRows, after.logBytes]).toEqual([0, 0]);
      expect(result?.snapshotBytes).toBe(after.updates[0]?.byteLength);
      expect(stateOf(after.updates), `seed ${seed}`).toEqual(before);
      // The snapshot's state vector comes back with it, equal to the document's, while the log is empty.
      expect(after.stateVector && [...after.stateVector], `seed ${seed}`).toEqual([
        ...Y.encodeStateVector(doc)
      ]);
      expect(await store.compactDoc('doc-c')).toBeNull();

      const second = randomEdits(random, 25, doc);
      await store.appendUpdates([{ docName: 'doc-c', updates: second }]);
      const grown = await store.loadDoc('doc-c');
      expect(grown.logRows).toBe(second.length);
      expect(grown.stateVector).toBeNull(); // the log holds more than the snapshot's state vector tells
      expect(stateOf(grown.updates).json, `seed ${seed}`).toEqual(doc.getMap('m').toJSON());
      expect((await store.compactDoc('doc-c'))?.rowsMerged).toBe(second.length);
      const compacted = await store.loadDoc('doc-c');
      expect(stateOf(compacted.updates), `seed ${seed}`).toEqual(stateOf(grown.updates));
      expect(compacted.stateVector && [...compacted.stateVector]).toEqual([...Y.encodeStateVector(doc)]);
    });

    it('loses no update appended by another instance while compactions run', async () => {
      const { store, location } = await fresh();
      const writer = await another(location);
      const rival = await another(location);
      const random = mulberry32(seed + 1);
      const docs = [new Y.Doc(), new Y.Doc()];
      const appended: Uint8Array[] = [];
      for (let round = 0; round < 15; round++) {
        const burst = docs.map((d) => randomEdits(random, 4, d));
        const appends = burst.map((updates, i) =>
          (i === 0 ? writer : store).appendUpdates([{ docName: 'doc-r', updates }])
        );
        const compactions = [store.compactDoc('doc-r'), rival.compactDoc('doc-r')];
        await Promise.all([...appends, ...compactions]);
        appended.push(...burst.flat());
      }
      const expected = stateOf(appended);
      expect(stateOf((await rival.loadDoc('doc-r')).updates), `seed ${seed + 1}`).toEqual(expected);
      await store.compactDoc('doc-r');
      const final = await writer.loadDoc('doc-r');
      expect(final.logRows).toBe(0);
      expect(stateOf(final.updates), `seed ${seed + 1}`).toEqual(expected);
    });

    it('deletes a room with its links and every document of it in one step, and keeps a tombstone', async () => {
      const { store, location } = await fresh();
      const edits = (n: number) => randomEdits(mulberry32(seed + n), 3, new Y.Doc(), true);
      await store.createRoom(room('room-del', [link('facilitator', 'd'), link('participant', 'e')]), 10);
      await store.createRoom(room('room-del2', [link('facilitator', 'g')]), 11);
      const names = ['room-del', 'room-del/control', 'room-del/plans', 'room-del/sealed/t1/pid-a'];
      await store.appendUpdates(
        names.map((docName, i) => ({ docName, updates: edits(i), owners: [[i + 1, `p:${i}`] as const] }))
      );
      await store.compactDoc('room-del/control'); // a snapshot row too
      // Another room whose id starts like this one's, and a document bound to it only: both stay.
      await store.appendUpdates([
        { docName: 'room-del2', updates: edits(9), owners: [[7, 'p:x']] },
        { docName: 'room-delx/control', updates: edits(10) }
      ]);
      const rival = await another(location);
      expect(await rival.deleteRoom('room-none', 20)).toEqual({ deleted: false, docs: [] });
      const result = await rival.deleteRoom('room-del', 20);
      expect(result).toEqual({ deleted: true, docs: [...names].sort() });
      for (const docName of names) {
        const stored = await store.loadDoc(docName);
        expect({ docName, updates: stored.updates.length, owners: stored.owners ?? [] }).toEqual({
          docName,
          updates: 0,
          owners: []
        });
      }
      expect(await store.listDocs('room-del/')).toEqual([]);
      expect(await store.getRoom('room-del')).toBeNull();
      expect(await store.listLinks('room-del')).toEqual([]);
      expect(await store.findLinkByHash(hash('d'))).toBeNull();
      expect(await store.roomDeletedAt('room-del')).toBe(20);
      expect(await store.roomDeletedAt('room-del2')).toBeNull();
      // The tombstone keeps the id from being registered again; a second deletion changes nothing.
      expect(await store.createRoom(room('room-del', [link('facilitator', 'd')]), 30)).toBe('conflict');
      expect(await store.deleteRoom('room-del', 40)).toEqual({ deleted: false, docs: [] });
      expect(await store.roomDeletedAt('room-del')).toBe(20);
      expect((await store.loadDoc('room-del2')).updates.length).toBeGreaterThan(0);
      expect((await store.loadDoc('room-del2')).owners).toEqual([[7, 'p:x']]);
      expect(await store.listDocs('room-delx')).toEqual(['room-delx/control']);
      expect((await store.getRoom('room-del2'))?.roomId).toBe('room-del2');
      await store.purgeFreed(); // overwriting what was freed changes no content
      expect((await store.loadDoc('room-del2')).owners).toEqual([[7, 'p:x']]);
    });

    it('keeps one join code per room: replaced, found by hash from another instance, ended, deleted with the room', async () => {
      const { store, location } = await fresh();
      await store.createRoom(room('room-code-a', [link('facilitator', 'k')]), 10);
      await store.createRoom(room('room-code-b', [link('facilitator', 'l')]), 10);
      const sealed = 's'.repeat(60);
      expect(await store.setJoinCode('room-none', { codeHash: hash('1'), sealedToken: sealed }, 20)).toBe(
        'no_room'
      );
      expect(await store.setJoinCode('room-code-a', { codeHash: hash('1'), sealedToken: sealed }, 20)).toBe(
        'set'
      );
      const rival = await another(location);
      expect(await rival.findJoinCode(hash('1'))).toEqual({
        roomId: 'room-code-a',
        codeHash: hash('1'),
        sealedToken: sealed,
        createdAt: 20
      });
      expect(await rival.setJoinCode('room-code-b', { codeHash: hash('1'), sealedToken: sealed }, 21)).toBe(
        'taken'
      );
      expect(
        await store.setJoinCode('room-code-a', { codeHash: hash('2'), sealedToken: 't'.repeat(60) }, 30)
      ).toBe('set');
      expect(await store.findJoinCode(hash('1'))).toBeNull();
      expect((await store.getJoinCode('room-code-a'))?.sealedToken).toBe('t'.repeat(60));
      expect(await store.deleteJoinCode('room-code-a')).toBe(true);
      expect(await store.deleteJoinCode('room-code-a')).toBe(false);
      expect(await store.getJoinCode('room-code-a')).toBeNull();
      expect(await store.setJoinCode('room-code-b', { codeHash: hash('3'), sealedToken: sealed }, 40)).toBe(
        'set'
      );
      await store.deleteRoom('room-code-b', 50);
      expect(await store.findJoinCode(hash('3'))).toBeNull();
    });

    it('keeps a deletion date per room and lists the rooms whose date (own or default) has come', async () => {
      const { store } = await fresh();
      await store.createRoom(room('room-ret-a', [link('facilitator', 'h')]), 1000);
      await store.createRoom(room('room-ret-b', [link('facilitator', 'i')]), 5000);
      await store.createRoom(room('room-ret-c', [link('facilitator', 'j')]), 1000);
      expect(await store.getDeleteAfter('room-ret-a')).toBeNull();
      expect(await store.setDeleteAfter('room-ret-a', 9000)).toBe('set');
      expect(await store.setDeleteAfter('room-ret-c', 100_000)).toBe('set');
      expect(await store.setDeleteAfter('room-none', 9000)).toBe('no_room');
      expect(await store.getDeleteAfter('room-ret-a')).toBe(9000);
      expect(await store.listExpiredRooms(8999, null)).toEqual([]);
      expect(await store.listExpiredRooms(9000, null)).toEqual(['room-ret-a']);
      // The default counts from registration for rooms without a date of their own (b: 5000 + 4000).
      expect(await store.listExpiredRooms(9000, 4000)).toEqual(['room-ret-a', 'room-ret-b']);
      expect(await store.setDeleteAfter('room-ret-a', null)).toBe('set');
      expect(await store.listExpiredRooms(9000, null)).toEqual([]);
      expect((await store.getRoom('room-ret-a'))?.createdAt).toBe(1000);
    });

    it('closes idempotently; calls after close reject', async () => {
      const location = await makeLocation();
      cleanups.push(() => location.destroy());
      const store = await location.open();
      await store.createRoom(room('room-close', [link('viewer', 'z')]), 1);
      await store.close();
      await store.close();
      await expect(store.getRoom('room-close')).rejects.toThrow();
      await expect(
        store.appendUpdates([
          { docName: 'room-close', updates: randomEdits(mulberry32(seed), 1, new Y.Doc(), true) }
        ])
      ).rejects.toThrow();
      const reopened = await another(location);
      expect((await reopened.getRoom('room-close'))?.roomId).toBe('room-close');
    });
  });
}

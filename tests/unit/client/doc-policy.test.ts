// The room lock in the control document: lockBoard / unlockBoard / readPolicy, the key names the relay
// reads (model/policy.ts), distrust of remote values, convergence, and observeDoc firing on a lock.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createConferenceDocs,
  localOrigin,
  lockBoard,
  observeDoc,
  readPolicy,
  unlockBoard
} from '../../../src/lib/doc';
import { POLICY_KEYS, POLICY_MAP, type RoomId } from '../../../src/lib/model';

const docs = () => createConferenceDocs('room-policy-1' as RoomId);

describe('room policy commands', () => {
  it('reads unlocked by default and toggles with lockBoard / unlockBoard', () => {
    const { control } = docs();
    expect(readPolicy(control)).toEqual({ locked: false });
    expect(lockBoard(control).ok).toBe(true);
    expect(readPolicy(control)).toEqual({ locked: true });
    expect(unlockBoard(control).ok).toBe(true);
    expect(readPolicy(control)).toEqual({ locked: false });
  });

  it('stores the lock under the names the relay reads, in one transaction with the given origin', () => {
    const { control } = docs();
    const origins: unknown[] = [];
    control.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const origin = localOrigin('moderation');
    lockBoard(control, origin);
    expect(origins).toEqual([origin]);
    expect(control.getMap(POLICY_MAP).get(POLICY_KEYS.locked)).toBe(true);
    // A plain Y.Doc that knows nothing of lib/doc sees the same value after sync (as the relay does).
    const relayView = new Y.Doc();
    Y.applyUpdate(relayView, Y.encodeStateAsUpdate(control));
    expect(relayView.getMap('policy').get('locked')).toBe(true);
  });

  it('writes nothing when the state does not change', () => {
    const { control } = docs();
    lockBoard(control);
    let updates = 0;
    control.on('update', () => updates++);
    lockBoard(control);
    expect(updates).toBe(0);
    unlockBoard(control);
    expect(updates).toBe(1);
  });

  it('reads anything but boolean true as unlocked', () => {
    for (const value of ['true', 1, null, {}, [true]]) {
      const { control } = docs();
      control.getMap(POLICY_MAP).set(POLICY_KEYS.locked, value);
      expect(readPolicy(control).locked).toBe(false);
    }
  });

  it('converges when two facilitators toggle concurrently', () => {
    const a = docs().control;
    const b = new Y.Doc({ guid: a.guid });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    lockBoard(a);
    unlockBoard(b);
    lockBoard(b);
    unlockBoard(a);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readPolicy(a)).toEqual(readPolicy(b));
  });

  it('observeDoc reports a remote lock', () => {
    const { control } = docs();
    let changes = 0;
    const stop = observeDoc(control, 'control', () => changes++);
    const remote = new Y.Doc();
    remote.getMap(POLICY_MAP).set(POLICY_KEYS.locked, true);
    Y.applyUpdate(control, Y.encodeStateAsUpdate(remote), 'remote');
    expect(changes).toBe(1);
    expect(readPolicy(control).locked).toBe(true);
    stop();
  });
});

// The ownership check (sync-server/src/guard.ts) on one write holding several client ids of one person: a
// phone that was offline across a restart of the app (a new Y.Doc, a new client id) edits what it wrote
// under its earlier client id, and both reach the relay in one sync step. Yjs orders the structs of an
// update by client id, not by time, so the check must not depend on which id is larger. Found by the
// sealed-drafts fuzz (tests/serial/relay-sealed-fuzz.test.ts, seed 41595).

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkOwnership } from '../../sync-server/src/guard';
import { ClientOwners } from '../../sync-server/src/owners';

const ideas = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('ideas');

/** An idea written offline by `first`, then edited by `second` (the same phone after an app restart). */
function offlineWork(first: number, second: number): Uint8Array {
  const before = new Y.Doc();
  before.clientID = first;
  const idea = new Y.Map<unknown>();
  ideas(before).set('idea-1', idea);
  idea.set('text', 'Repair-Café');
  const after = new Y.Doc();
  after.clientID = second;
  Y.applyUpdate(after, Y.encodeStateAsUpdate(before));
  ideas(after).get('idea-1')!.set('text', 'Repair-Café im Rathaus');
  return Y.encodeStateAsUpdate(after);
}

describe('checkOwnership with several new client ids in one write', () => {
  for (const [first, second] of [
    [100, 200],
    [200, 100]
  ] as const) {
    it(`accepts a person's own earlier work, whichever id is larger (${first} then ${second})`, () => {
      const relay = new Y.Doc();
      const owners = new ClientOwners();
      const verdict = checkOwnership(relay, owners, 'p:a', false, offlineWork(first, second));
      expect(verdict.ok).toBe(true);
      expect(verdict.ok && [...verdict.bind].sort()).toEqual([100, 200]);
    });
  }

  it('still refuses the same edit of an idea another person wrote', () => {
    const relay = new Y.Doc();
    const owners = new ClientOwners([[100, 'p:b']]);
    const before = new Y.Doc();
    before.clientID = 100;
    const idea = new Y.Map<unknown>();
    ideas(before).set('idea-1', idea);
    idea.set('text', 'Repair-Café');
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(before));
    const attacker = new Y.Doc();
    attacker.clientID = 300;
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(relay));
    const known = Y.encodeStateVector(attacker);
    ideas(attacker).get('idea-1')!.set('text', 'weg damit');
    const edit = Y.encodeStateAsUpdate(attacker, known);
    expect(checkOwnership(relay, owners, 'p:a', false, edit)).toEqual({ ok: false, reason: 'not_owner' });
  });
});

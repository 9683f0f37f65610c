// lib/doc/sealed.ts: sealing and revealing scopes in the control document's policy (the relay reads the
// same keys), a sealed document with the shared roots, and merging it into shared idempotently (the relay
// may have merged the same items already).

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addIdea,
  createConferenceDocs,
  createSealedDoc,
  mergeSealedInto,
  readIdeas,
  readPolicy,
  readSealedScopes,
  revealScope,
  sealScope,
  tableScope,
  voteScope
} from '../../src/lib/doc';
import type { RoomId, TableId } from '../../src/lib/model';

const roomId = 'room-sealed-0001' as RoomId;
const tableId = 'table-aaaaaaaaaaaaaaaaaa' as TableId;

describe('sealed scopes', () => {
  it('seals and reveals per scope, reading only `true` as sealed', () => {
    const { control } = createConferenceDocs(roomId);
    expect(readSealedScopes(control)).toEqual(new Set());
    expect(sealScope(control, tableScope(tableId)).ok).toBe(true);
    expect(sealScope(control, voteScope('vote1')).ok).toBe(true);
    expect(readSealedScopes(control)).toEqual(new Set([`t-${tableId}`, 'v-vote1']));
    expect(readPolicy(control).locked).toBe(false);
    expect(revealScope(control, tableScope(tableId)).ok).toBe(true);
    expect(readSealedScopes(control)).toEqual(new Set(['v-vote1']));
    // Malformed values and scopes read as not sealed; a bad scope is refused.
    control.getMap('policy').set('sealed:v-vote2', 'yes');
    control.getMap('policy').set('sealed:bad scope', true);
    expect(readSealedScopes(control)).toEqual(new Set(['v-vote1']));
    expect(sealScope(control, 'bad scope').ok).toBe(false);
  });

  it('merges a sealed document into shared with the same items, idempotently', () => {
    const { shared } = createConferenceDocs(roomId);
    const sealed = createSealedDoc(roomId, tableScope(tableId));
    expect(sealed.guid).toBe(`${roomId}/sealed/t-${tableId}`);
    const id = addIdea(sealed, { tableId, text: 'Verdeckt', author: 'A' });
    expect(id.ok).toBe(true);
    expect(readIdeas(shared, tableId)).toEqual([]);
    mergeSealedInto(shared, sealed);
    const once = Y.encodeStateAsUpdate(shared);
    mergeSealedInto(shared, sealed);
    expect(Y.encodeStateAsUpdate(shared)).toEqual(once);
    expect(readIdeas(shared, tableId).map((i) => i.text)).toEqual(['Verdeckt']);
    // The same client id: the relay's ownership binding of the sealed writes covers them in shared.
    expect(Y.decodeStateVector(Y.encodeStateVector(shared)).has(sealed.clientID)).toBe(true);
  });
});

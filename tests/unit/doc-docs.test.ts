// createConferenceDocs (stable guids, roots defined up front) and observeDoc.
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  addIdea,
  createConferenceDocs,
  initConference,
  kindOfDoc,
  observeDoc,
  updateConferenceInfo
} from '../../src/lib/doc';
import type { RoomId, TableId } from '../../src/lib/model';

describe('conference docs', () => {
  test('guids are <roomId> and <roomId>/control, and the kind follows from them', () => {
    const docs = createConferenceDocs('Room_abc-123' as RoomId);
    expect(docs.shared.guid).toBe('Room_abc-123');
    expect(docs.control.guid).toBe('Room_abc-123/control');
    expect(kindOfDoc(docs.shared)).toBe('shared');
    expect(kindOfDoc(docs.control)).toBe('control');
    expect([...docs.control.share.keys()].sort()).toEqual([
      'clusters',
      'conference',
      'conferenceEnd',
      'fields',
      'follow',
      'harvest',
      'ideaHidden',
      'initiativeHidden',
      'initiativeMerges',
      'meta',
      'placement',
      'policy',
      'poolActions',
      'programme',
      'regionOutline',
      'rounds',
      'run',
      'tables',
      'votes'
    ]);
    expect([...docs.shared.share.keys()].sort()).toEqual([
      'ballots',
      'cooperations',
      'ideas',
      'initiatives',
      'meta',
      'supporters'
    ]);
  });

  test('observeDoc reports local and remote changes once per transaction until stopped', () => {
    const docs = createConferenceDocs('room-observe' as RoomId);
    let control = 0;
    let shared = 0;
    const stopControl = observeDoc(docs.control, 'control', () => control++);
    observeDoc(docs.shared, 'shared', () => shared++);
    initConference(docs.control, { title: 'T' });
    expect([control, shared]).toEqual([1, 0]);
    const remote = new Y.Doc({ guid: docs.shared.guid });
    addIdea(remote, { tableId: 'tableid1' as TableId, text: 'x' });
    Y.applyUpdate(docs.shared, Y.encodeStateAsUpdate(remote));
    expect([control, shared]).toEqual([1, 1]);
    stopControl();
    updateConferenceInfo(docs.control, { title: 'U' });
    expect(control).toBe(1);
  });
});

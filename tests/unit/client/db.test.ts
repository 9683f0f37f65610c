// The device database: conferences, settings, drafts and the storage-persistence answer.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearDraft,
  db,
  getConference,
  getDraft,
  getSetting,
  listConferences,
  putConference,
  rememberJoinedConference,
  removeConference,
  saveDraft,
  setSetting,
  updateConference,
  type ConferenceRecord
} from '../../../src/lib/persistence/db';
import { requestPersistentStorage, storagePersistAnswer } from '../../../src/lib/persistence/storage';

function record(
  roomId: string,
  lastOpenedAt: number,
  extra: Partial<ConferenceRecord> = {}
): ConferenceRecord {
  return {
    roomId,
    title: `Konferenz ${roomId}`,
    role: 'facilitator',
    token: `f_${'a'.repeat(24)}`,
    createdAt: 1,
    lastOpenedAt,
    lastSyncedAt: 0,
    registered: false,
    ...extra
  };
}

beforeEach(async () => {
  await Promise.all([db.conferences.clear(), db.settings.clear(), db.drafts.clear()]);
});

describe('conferences', () => {
  it('lists the most recently opened first', async () => {
    await putConference(record('room-aaaa', 10));
    await putConference(record('room-bbbb', 30));
    await putConference(record('room-cccc', 20));
    expect((await listConferences()).map((c) => c.roomId)).toEqual(['room-bbbb', 'room-cccc', 'room-aaaa']);
  });

  it('updates selected fields and keeps the rest', async () => {
    await putConference(record('room-aaaa', 10));
    await updateConference('room-aaaa', { registered: true, lastSyncedAt: 99 });
    const got = await getConference('room-aaaa');
    expect(got?.registered).toBe(true);
    expect(got?.lastSyncedAt).toBe(99);
    expect(got?.title).toBe('Konferenz room-aaaa');
  });

  it('a joined link never downgrades a stronger role on this device', async () => {
    await putConference(record('room-aaaa', 10, { shareTokens: { participant: 'p_x', viewer: 'v_x' } }));
    const kept = await rememberJoinedConference({
      roomId: 'room-aaaa',
      role: 'participant',
      token: 'p_y',
      now: 50
    });
    expect(kept.role).toBe('facilitator');
    expect(kept.token).toBe(`f_${'a'.repeat(24)}`);
    expect(kept.lastOpenedAt).toBe(50);
  });

  it('a joined link with a stronger role replaces the token and keeps share tokens', async () => {
    await putConference(
      record('room-aaaa', 10, {
        role: 'viewer',
        token: 'v_1',
        shareTokens: { participant: 'p', viewer: 'v' }
      })
    );
    const got = await rememberJoinedConference({
      roomId: 'room-aaaa',
      role: 'participant',
      token: 'p_2',
      now: 60
    });
    expect(got).toMatchObject({ role: 'participant', token: 'p_2', createdAt: 1, registered: true });
    expect(got.shareTokens).toEqual({ participant: 'p', viewer: 'v' });
  });

  it('a new joined conference is stored as registered with the given role', async () => {
    const got = await rememberJoinedConference({
      roomId: 'room-new1',
      role: 'viewer',
      token: 'v_3',
      now: 70
    });
    expect(await getConference('room-new1')).toEqual(got);
    expect(got).toMatchObject({ role: 'viewer', registered: true, createdAt: 70, title: '' });
  });

  it('removing a conference removes its drafts too', async () => {
    await putConference(record('room-aaaa', 10));
    await saveDraft('room-aaaa', 't1', 'halb fertig');
    await saveDraft('room-bbbb', 't1', 'andere');
    await removeConference('room-aaaa');
    expect(await getConference('room-aaaa')).toBeUndefined();
    expect(await getDraft('room-aaaa', 't1')).toBe('');
    expect(await getDraft('room-bbbb', 't1')).toBe('andere');
  });
});

describe('settings and drafts', () => {
  it('stores and reads settings', async () => {
    expect(await getSetting('displayName')).toBeUndefined();
    await setSetting('displayName', 'Anna');
    expect(await getSetting('displayName')).toBe('Anna');
  });

  it('keeps a draft per room and table; empty text removes it', async () => {
    await saveDraft('room-aaaa', 't1', 'Idee eins');
    await saveDraft('room-aaaa', 't2', 'Idee zwei');
    expect(await getDraft('room-aaaa', 't1')).toBe('Idee eins');
    await saveDraft('room-aaaa', 't1', '');
    expect(await db.drafts.count()).toBe(1);
    await clearDraft('room-aaaa', 't2');
    expect(await getDraft('room-aaaa', 't2')).toBe('');
  });
});

describe('requestPersistentStorage', () => {
  function fakeStorage(answer: boolean, already = false) {
    let asked = 0;
    return {
      storage: {
        persist: async () => {
          asked++;
          return answer;
        },
        persisted: async () => already
      },
      asked: () => asked
    };
  }

  it('asks once and records a refusal', async () => {
    const fake = fakeStorage(false);
    expect(await storagePersistAnswer()).toBeNull();
    expect(await requestPersistentStorage(fake.storage)).toBe('denied');
    expect(await requestPersistentStorage(fake.storage)).toBe('denied');
    expect(fake.asked()).toBe(1);
    expect(await storagePersistAnswer()).toBe('denied');
  });

  it('records a grant, and an already persisted site without asking', async () => {
    const granted = fakeStorage(true);
    expect(await requestPersistentStorage(granted.storage)).toBe('granted');
    await db.settings.clear();
    const already = fakeStorage(false, true);
    expect(await requestPersistentStorage(already.storage)).toBe('granted');
    expect(already.asked()).toBe(0);
  });

  it('records unsupported when the browser has no storage manager', async () => {
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
    expect(await storagePersistAnswer()).toBe('unsupported');
  });
});

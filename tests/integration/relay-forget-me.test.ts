// A participant removes their contact details and they are gone from the stored history too
// (sync-server/src/forget-me.ts): each append's client id is bound to the participant; POST
// /api/rooms/<id>/forget-me deletes that participant's entries (only theirs: another participant's stay),
// the facilitators' socket sees them go, and after the rewrite of the stored history no byte of the removed
// contact is left in the SQLite files (WAL checkpointed) or in any PostgreSQL row, while the kept one is.
// The participant's own supporter entry in the shared document, deleted with their normal write first, is
// gone from the stored bytes as well. Only participants with a participant id may ask.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RelayConfig } from '../../sync-server/src/config';
import { DB_FILE_NAME } from '../../sync-server/src/storage/sqlite';
import { useCleanups } from '../helpers/cleanups';
import { changeOf, newParticipantKey, sessionToken } from '../helpers/ownership';
import { dropPgSchema, pgTestSchema, urlWithSchema } from '../helpers/pg';
import { connectClient, startTestRelay, waitFor, type TestRelay } from '../helpers/relay';

const defer = useCleanups();
const DATABASE_URL = process.env.DATABASE_URL ?? '';

const canary = (what: string): string => `kontakt-${what}-${randomBytes(12).toString('hex')}@example.org`;

function contact(text: string): Uint8Array {
  return changeOf(new Y.Doc(), (d) => {
    const map = new Y.Map<unknown>();
    d.getMap('contacts').set(randomBytes(8).toString('hex'), map);
    map.set('name', 'Resi');
    map.set('contact', text);
  });
}

async function post(t: TestRelay, route: string, token: string, body?: unknown) {
  const response = await fetch(`${t.url}/api/rooms/${t.room.roomId}/${route}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? '' : JSON.stringify(body)
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const append = (t: TestRelay, token: string, update: Uint8Array) =>
  post(t, 'facilitators/append', token, { update: Buffer.from(update).toString('base64url') });

async function scenario(t: TestRelay, contains: (text: string) => Promise<boolean>): Promise<void> {
  const { roomId, tokens } = t.room;
  const resi = await sessionToken(t.url, roomId, tokens.participant, newParticipantKey());
  const karl = await sessionToken(t.url, roomId, tokens.participant, newParticipantKey());
  const facilitators = connectClient(t.wsUrl, `${roomId}/facilitators`, tokens.facilitator, { ack: true });
  defer(() => facilitators.destroy());
  await facilitators.whenSynced();

  const gone = canary('resi');
  const kept = canary('karl');
  expect((await append(t, resi, contact(gone))).status).toBe(201);
  expect((await append(t, resi, contact(`${gone}-zweiter`))).status).toBe(201);
  expect((await append(t, karl, contact(kept))).status).toBe(201);
  await waitFor(() => facilitators.doc.getMap('contacts').size === 3);

  // Resi's supporter entry in the shared document, which she deletes herself with her normal write.
  const supporter = canary('unterstuetzt');
  const shared = connectClient(t.wsUrl, roomId, resi, { ack: true });
  defer(() => shared.destroy());
  await shared.whenSynced();
  shared.doc.getMap('supporters').set('s1', supporter);
  await shared.whenSaved();
  await t.relay.flush();
  await t.relay.storage.compactDoc(`${roomId}/facilitators`); // the content sits in a snapshot too
  for (const text of [gone, kept, supporter]) expect(await contains(text)).toBe(true);

  expect((await post(t, 'forget-me', tokens.participant)).status).toBe(403); // a link names no one
  expect((await post(t, 'forget-me', tokens.facilitator)).status).toBe(403);
  expect((await post(t, 'forget-me', tokens.viewer)).status).toBe(403);

  shared.doc.getMap('supporters').delete('s1');
  await shared.whenSaved();
  expect(await post(t, 'forget-me', resi)).toEqual({ status: 200, body: { removed: 2 } });
  await waitFor(() => facilitators.doc.getMap('contacts').size === 1, { message: 'entries not removed' });
  const left = [...facilitators.doc.getMap<Y.Map<unknown>>('contacts').values()].map((m) => m.get('contact'));
  expect(left).toEqual([kept]);

  expect(await contains(gone)).toBe(false);
  expect(await contains(supporter)).toBe(false);
  expect(await contains(kept)).toBe(true);
  // Asking again removes nothing more.
  expect(await post(t, 'forget-me', resi)).toEqual({ status: 200, body: { removed: 0 } });
}

describe('POST /api/rooms/<roomId>/forget-me', () => {
  it('removes a participant’s contact entries from the SQLite history, no byte left', async () => {
    const t = await startTestRelay();
    defer(() => t.close());
    await scenario(t, async (text) => {
      const files = fs.readdirSync(t.dataDir).filter((name) => name.startsWith(DB_FILE_NAME));
      const bytes = Buffer.concat(files.map((name) => fs.readFileSync(path.join(t.dataDir, name))));
      return bytes.includes(Buffer.from(text, 'utf8'));
    });
  });

  it.skipIf(!DATABASE_URL)(
    DATABASE_URL
      ? 'removes them from every PostgreSQL row'
      : 'removes them from PostgreSQL (DATABASE_URL not set)',
    async () => {
      const schema = pgTestSchema('forget');
      defer(() => dropPgSchema(DATABASE_URL, schema));
      const config: Partial<RelayConfig> = {
        databaseUrl: urlWithSchema(DATABASE_URL, schema),
        tokenSecret: new Uint8Array(32).map((_, i) => i + 5)
      };
      const t = await startTestRelay({ config });
      defer(() => t.close());
      const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => undefined });
      defer(() => sql.end());
      await scenario(t, async (text) => {
        const rows = await sql<Array<{ data: Buffer }>>`
          SELECT data FROM ${sql(schema)}.doc_updates UNION ALL SELECT data FROM ${sql(schema)}.doc_snapshots`;
        return rows.some((r) => r.data.includes(Buffer.from(text, 'utf8')));
      });
    }
  );
});

// The conference file's format (model/conference-file.ts) and Yjs part (doc/conference-file.ts): export →
// import into empty documents gives every document's state back; two replicas changed apart converge by
// exchanging files; a damaged, truncated, foreign, newer or role-escalating file is refused by the check
// that runs before anything is applied.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addIdea,
  addPlan,
  addStep,
  addTable,
  contactEntryUpdate,
  createConferenceDocs,
  createFacilitatorsDoc,
  createPlansDoc,
  initConference,
  readIdeas,
  removeIdea,
  updateIdea,
  updatePlan,
  updateTable,
  writeShareToken
} from '../../src/lib/doc';
import {
  applyDocState,
  checkDocStates,
  encodeDocStates,
  type FileDocs
} from '../../src/lib/doc/conference-file';
import {
  makeToken,
  newRoomId,
  type IdeaId,
  type PlanId,
  type RoomId,
  type TableId
} from '../../src/lib/model';
import {
  CONFERENCE_FILE_FORMAT,
  decodeConferenceFile,
  encodeConferenceFile,
  exportableRoles,
  fileDocsFor,
  looksLikeConferenceFile,
  type ConferenceFile,
  type FileDocName
} from '../../src/lib/model/conference-file';
import { mulberry32 } from '../helpers/random';

const tokens = {
  facilitator: makeToken('facilitator'),
  participant: makeToken('participant'),
  viewer: makeToken('viewer')
};

function conference(roomId: RoomId): FileDocs {
  const { shared, control } = createConferenceDocs(roomId);
  const plans = createPlansDoc(roomId);
  const facilitators = createFacilitatorsDoc(roomId);
  initConference(control, { title: 'Mitmach-Konferenz „Allgäu“ – Kempten', region: 'Allgäu' });
  const table = addTable(control, { title: 'Mobilität', question: 'Wie kommen wir ohne Auto hin?' });
  if (!table.ok) throw new Error(table.error);
  for (const text of ['Bürgerbus', 'Radweg nach Ulm', 'Mitfahrbank 🚲'])
    addIdea(shared, { tableId: table.value, text });
  const plan = addPlan(plans, { title: 'Bürgerbus gründen', goal: 'Ab Mai fährt er' });
  if (!plan.ok) throw new Error(plan.error);
  addStep(plans, plan.value, { text: 'Verein anschreiben', who: 'Aylin', due: '2027-03-03' });
  writeShareToken(facilitators, 'participant', tokens.participant);
  writeShareToken(facilitators, 'viewer', tokens.viewer);
  const contact = contactEntryUpdate({
    initiativeId: 'ini1' as never,
    name: 'Jo',
    contact: 'jo@example.org'
  });
  if (contact.ok) Y.applyUpdate(facilitators, contact.value);
  return { shared, control, plans, facilitators };
}

function emptyDocs(roomId: RoomId): FileDocs {
  const { shared, control } = createConferenceDocs(roomId);
  return { shared, control, plans: createPlansDoc(roomId), facilitators: createFacilitatorsDoc(roomId) };
}

/** Every root of a document as plain JSON (what a reader of that document sees). */
function content(doc: Y.Doc): unknown {
  const out: Record<string, unknown> = {};
  for (const name of [...doc.share.keys()].sort()) out[name] = doc.getMap(name).toJSON();
  return out;
}

function expectSameDoc(a: Y.Doc, b: Y.Doc): void {
  expect(Y.encodeStateVector(b)).toEqual(Y.encodeStateVector(a));
  expect(Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b))).toBe(true);
  expect(content(b)).toEqual(content(a));
}

function fileOf(
  roomId: RoomId,
  docs: FileDocs,
  role: ConferenceFile['role'] = 'facilitator'
): ConferenceFile {
  const allowed = fileDocsFor(role);
  const chosen = Object.fromEntries(
    Object.entries(docs).filter(([name]) => allowed.includes(name as FileDocName))
  ) as FileDocs;
  return {
    version: 1,
    createdAt: Date.UTC(2027, 2, 3, 17, 0),
    roomId,
    title: 'Mitmach-Konferenz „Allgäu“ – Kempten',
    role,
    token: tokens[role],
    ...(role === 'facilitator' ? { registered: true, shareTokens: { participant: tokens.participant } } : {}),
    docs: encodeDocStates(chosen)
  };
}

/** The whole check a device runs before applying anything. */
async function check(bytes: Uint8Array) {
  const decoded = await decodeConferenceFile(bytes);
  if (!decoded.ok) return decoded.error;
  return checkDocStates(decoded.value.roomId, decoded.value.docs) ? null : 'damaged';
}

/** Writes the JSON back with a checksum made as ARCHITECTURE.md describes it (a forger can do this too). */
function reseal(obj: Record<string, unknown>): Uint8Array {
  const docs = obj.docs as Record<string, string>;
  const tokensOf = (obj.shareTokens ?? {}) as Record<string, string>;
  const canonical = JSON.stringify([
    obj.format,
    obj.version,
    obj.createdAt,
    obj.roomId,
    obj.title,
    obj.role,
    obj.token,
    obj.relayUrl ?? null,
    obj.registered ?? null,
    tokensOf.participant ?? null,
    tokensOf.viewer ?? null,
    ...['shared', 'control', 'plans', 'facilitators'].map((n) => docs[n] ?? null)
  ]);
  const checksum = `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
  return new TextEncoder().encode(`${JSON.stringify({ ...obj, checksum })}\n`);
}

const parse = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;

describe('the conference file round trip', () => {
  it('gives every document back as it was, in empty documents', async () => {
    const roomId = newRoomId();
    const original = conference(roomId);
    const bytes = await encodeConferenceFile(fileOf(roomId, original));
    expect(looksLikeConferenceFile(bytes)).toBe(true);
    const decoded = await decodeConferenceFile(bytes);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.value).toMatchObject({
      roomId,
      role: 'facilitator',
      token: tokens.facilitator,
      title: 'Mitmach-Konferenz „Allgäu“ – Kempten',
      registered: true,
      shareTokens: { participant: tokens.participant },
      createdAt: Date.UTC(2027, 2, 3, 17, 0)
    });
    expect(checkDocStates(roomId, decoded.value.docs)).toBe(true);
    const target = emptyDocs(roomId);
    for (const name of ['shared', 'control', 'plans', 'facilitators'] as const) {
      applyDocState(target[name]!, decoded.value.docs[name]!);
      expectSameDoc(original[name]!, target[name]!);
    }
    expect(
      readIdeas(target.shared)
        .map((i) => i.text)
        .sort()
    ).toEqual(['Bürgerbus', 'Mitfahrbank 🚲', 'Radweg nach Ulm']);
  });

  it('leaves the facilitators document out of participant and viewer files', async () => {
    const roomId = newRoomId();
    const docs = conference(roomId);
    for (const role of ['participant', 'viewer'] as const) {
      const decoded = await decodeConferenceFile(await encodeConferenceFile(fileOf(roomId, docs, role)));
      if (!decoded.ok) throw new Error(decoded.error);
      expect(Object.keys(decoded.value.docs).sort()).toEqual(['control', 'plans', 'shared']);
      expect(decoded.value.shareTokens).toBeUndefined();
    }
    // A file that would carry it cannot even be written.
    await expect(
      encodeConferenceFile({ ...fileOf(roomId, docs, 'participant'), docs: encodeDocStates(docs) })
    ).rejects.toThrow();
    expect(exportableRoles('participant')).toEqual(['participant', 'viewer']);
    expect(exportableRoles('viewer')).toEqual(['viewer']);
  });
});

describe('two replicas changed apart', () => {
  it('converge by exchanging files (seeded random edits)', async () => {
    const seed = Number(process.env.SEED ?? Date.now() % 1_000_000);
    console.log(`conference-file convergence seed: ${seed}`);
    const random = mulberry32(seed);
    const pick = <T>(list: T[]): T | undefined => list[Math.floor(random() * list.length)];
    const roomId = newRoomId();
    const base = conference(roomId);
    const replicas = [emptyDocs(roomId), emptyDocs(roomId)];
    for (const replica of replicas)
      for (const name of ['shared', 'control', 'plans', 'facilitators'] as const)
        Y.applyUpdate(replica[name]!, Y.encodeStateAsUpdate(base[name]!));

    for (const [i, r] of replicas.entries()) {
      const tables = [...r.control.getMap('tables').keys()] as TableId[];
      const plans = [...r.plans.getMap('plans').keys()] as PlanId[];
      for (let step = 0; step < 60; step++) {
        const ideas = readIdeas(r.shared).map((idea) => idea.id as IdeaId);
        const roll = random();
        const table = pick(tables)!;
        if (roll < 0.35) addIdea(r.shared, { tableId: table, text: `Idee ${i}-${step}` });
        else if (roll < 0.5 && ideas.length)
          updateIdea(r.shared, pick(ideas)!, { text: `geändert ${i}-${step}` });
        else if (roll < 0.6 && ideas.length) removeIdea(r.shared, pick(ideas)!);
        else if (roll < 0.7) addTable(r.control, { title: `Tisch ${i}-${step}` });
        else if (roll < 0.8) updateTable(r.control, table, { question: `Frage ${i}-${step}` });
        else if (roll < 0.9) addPlan(r.plans, { title: `Plan ${i}-${step}` });
        else if (plans.length) updatePlan(r.plans, pick(plans)!, { contact: `kontakt-${i}-${step}` });
      }
      writeShareToken(r.facilitators!, 'viewer', i === 0 ? makeToken('viewer') : null);
    }
    expect(content(replicas[0]!.shared)).not.toEqual(content(replicas[1]!.shared));

    const [a, b] = replicas as [FileDocs, FileDocs];
    const fromA = await encodeConferenceFile(fileOf(roomId, a));
    const fromB = await encodeConferenceFile(fileOf(roomId, b));
    for (const [bytes, into] of [
      [fromA, b],
      [fromB, a]
    ] as const) {
      const decoded = await decodeConferenceFile(bytes);
      if (!decoded.ok) throw new Error(decoded.error);
      expect(checkDocStates(roomId, decoded.value.docs)).toBe(true);
      for (const [name, state] of Object.entries(decoded.value.docs))
        applyDocState(into[name as FileDocName]!, state);
    }
    for (const name of ['shared', 'control', 'plans', 'facilitators'] as const)
      expectSameDoc(a[name]!, b[name]!);
    // Nothing either side wrote is lost: every idea either side still had is there (or removed by one).
    expect(readIdeas(a.shared).length).toBeGreaterThan(3);
  });
});

describe('a file that is not whole is refused before anything is applied', () => {
  it('refuses every flipped bit (seeded positions), naming it damaged, truncated or foreign', async () => {
    const seed = Number(process.env.SEED ?? Date.now() % 1_000_000);
    console.log(`conference-file bit flip seed: ${seed}`);
    const random = mulberry32(seed);
    const roomId = newRoomId();
    const bytes = await encodeConferenceFile(fileOf(roomId, conference(roomId)));
    const positions = new Set<number>([0, 1, 10, bytes.length - 1, bytes.length - 2]);
    while (positions.size < 300) positions.add(Math.floor(random() * bytes.length));
    for (const at of positions) {
      const flipped = bytes.slice();
      flipped[at]! ^= 1 << Math.floor(random() * 8);
      const error = await check(flipped);
      expect(error, `byte ${at}`).not.toBeNull();
      expect(['damaged', 'truncated', 'foreign', 'newer', 'role']).toContain(error);
    }
  });

  it('refuses a truncated file', async () => {
    const roomId = newRoomId();
    const bytes = await encodeConferenceFile(fileOf(roomId, conference(roomId)));
    for (const keep of [0.1, 0.5, 0.9, 0.999].map((f) => Math.floor(bytes.length * f)))
      expect(await check(bytes.slice(0, keep))).toBe('truncated');
    expect(await check(bytes.slice(0, bytes.length - 2))).toBe('truncated');
    expect(await check(new Uint8Array())).toBe('foreign');
  });

  it('refuses foreign files: other JSON, a CSV, an image', async () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(await check(enc('{"format":"something-else","version":1}'))).toBe('foreign');
    expect(await check(enc('[1,2,3]'))).toBe('foreign');
    expect(await check(enc('Name;Status\nSolawi;besteht\n'))).toBe('foreign');
    expect(await check(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]))).toBe(
      'foreign'
    );
    expect(await check(enc(`{"format":"${CONFERENCE_FILE_FORMAT}","version":1}`))).toBe('damaged');
  });

  it('refuses a file of a newer format version', async () => {
    const roomId = newRoomId();
    const obj = parse(await encodeConferenceFile(fileOf(roomId, conference(roomId))));
    expect(await check(reseal({ ...obj, version: 2 }))).toBe('newer');
  });

  it('refuses a relay address that is not http(s), and keeps a title within its limit', async () => {
    const roomId = newRoomId();
    const obj = parse(await encodeConferenceFile(fileOf(roomId, conference(roomId))));
    expect(await check(reseal({ ...obj, relayUrl: 'javascript:alert(1)' }))).toBe('damaged');
    const decoded = await decodeConferenceFile(
      reseal({ ...obj, relayUrl: 'https://relay.example.org', title: `${'x'.repeat(500)}\n<b>` })
    );
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.value.relayUrl).toBe('https://relay.example.org');
    expect(decoded.value.title.length).toBeLessThanOrEqual(120);
  });

  it('refuses Yjs bytes that are malformed though the checksum holds', async () => {
    const roomId = newRoomId();
    const obj = parse(await encodeConferenceFile(fileOf(roomId, conference(roomId))));
    const docs = obj.docs as Record<string, string>;
    const garbage = Buffer.from([1, 200, 3, 4, 5, 250, 7, 8]).toString('base64');
    expect(await check(reseal({ ...obj, docs: { ...docs, plans: garbage } }))).toBe('damaged');
  });

  it('refuses a file that grants more than its token or carries what its role may not read', async () => {
    const roomId = newRoomId();
    const docs = conference(roomId);
    const participant = parse(await encodeConferenceFile(fileOf(roomId, docs, 'participant')));
    const facilitator = parse(await encodeConferenceFile(fileOf(roomId, docs, 'facilitator')));
    const facDocs = facilitator.docs as Record<string, string>;
    // The role raised, the participant token kept.
    expect(await check(reseal({ ...participant, role: 'facilitator' }))).toBe('role');
    // A participant file with the facilitators' document in it.
    expect(
      await check(
        reseal({
          ...participant,
          docs: { ...(participant.docs as object), facilitators: facDocs.facilitators }
        })
      )
    ).toBe('role');
    // A participant file carrying the link tokens.
    expect(await check(reseal({ ...participant, shareTokens: { viewer: tokens.viewer } }))).toBe('role');
    // A facilitator's role on a viewer token.
    expect(await check(reseal({ ...facilitator, token: tokens.viewer }))).toBe('role');
    // The original files pass.
    expect(await check(reseal(participant))).toBeNull();
    expect(await check(reseal(facilitator))).toBeNull();
  });
});

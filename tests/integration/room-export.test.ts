// `npm run room -- export <link> --format json|csv|md|ics|geojson [--entity …]` as a child process against
// a running relay: a facilitator's devices wrote a rich conference into all four documents; the CLI's JSON
// through a facilitator link equals the devices' own export (contacts included) and validates against the
// schema; a participant's link exports the same without contacts; each CSV entity, Markdown, iCal and
// GeoJSON come out; usage errors exit 2.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE_SAVED } from '../../sync-server/src/protocol';
import { createConferenceDocs, createFacilitatorsDoc, createPlansDoc } from '../../src/lib/doc';
import { readConferenceExport } from '../../src/lib/export/snapshot';
import type { RoomId } from '../../src/lib/model';
import { useCleanups } from '../helpers/cleanups';
import { seedRichConference } from '../helpers/rich-conference';
import { embeddedEnv } from '../helpers/relay-child';
import { covers, makeTempDir, startTestRelay, waitFor } from '../helpers/relay';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const defer = useCleanups();

async function room(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/room.ts', ...args],
      { cwd: ROOT, env: { ...embeddedEnv(), ROOM_CLIENT_TIMEOUT_MS: '10000' }, maxBuffer: 1 << 24 }
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Puts `doc` on the relay at `/sync/<room>` and resolves once the relay stored all of it. */
async function upload(wsUrl: string, room: string, doc: Y.Doc, token: string): Promise<() => void> {
  const saved: Map<number, number>[] = [];
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    params: { token, ack: '1' },
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
  });
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    saved.push(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
  };
  const target = Y.decodeStateVector(Y.encodeStateVector(doc));
  await waitFor(() => saved.some((sv) => covers(sv, target)), {
    timeoutMs: 10_000,
    message: `${room} saved`
  });
  return () => provider.destroy();
}

describe('room export over the relay', () => {
  it('exports the whole conference in every format through links', { timeout: 180_000 }, async () => {
    const dir = makeTempDir();
    defer(() => fs.rmSync(dir, { recursive: true, force: true }));
    const relay = await startTestRelay();
    defer(() => relay.close());
    const { roomId, tokens } = relay.room;
    const link = (token: string) => `${relay.url}/join/${roomId}#${token}`;

    const docs = {
      ...createConferenceDocs(roomId as RoomId),
      plans: createPlansDoc(roomId as RoomId),
      facilitators: createFacilitatorsDoc(roomId as RoomId)
    };
    seedRichConference(docs, 21);
    console.log('seed 21');
    const paths: [string, Y.Doc][] = [
      [roomId, docs.shared],
      [`${roomId}/control`, docs.control],
      [`${roomId}/plans`, docs.plans],
      [`${roomId}/facilitators`, docs.facilitators]
    ];
    for (const [p, doc] of paths) defer(await upload(relay.wsUrl, p, doc, tokens.facilitator));
    const expected = readConferenceExport(docs);
    const { exportedAt: _, ...same } = expected;

    const schema = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'schema/conference-export.v1.schema.json'), 'utf8')
    );
    const validate = new Ajv().compile(schema as object);

    const json = await room(['export', link(tokens.facilitator), '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const got = JSON.parse(json.stdout) as typeof expected;
    expect(validate(got), JSON.stringify(validate.errors)).toBe(true);
    expect({ ...got, exportedAt: undefined }).toEqual({ ...same, exportedAt: undefined });
    expect(got.contacts).toHaveLength(1);

    const asParticipant = await room(['export', link(tokens.participant), '--format', 'json']);
    expect(asParticipant.code, asParticipant.stderr).toBe(0);
    const p = JSON.parse(asParticipant.stdout) as typeof expected;
    expect(p.contacts).toBeUndefined();
    expect(p.plans).toEqual(expected.plans);
    expect(p.ideas).toEqual(expected.ideas);

    const stepsFile = path.join(dir, 'schritte.csv');
    const steps = await room([
      'export',
      link(tokens.viewer),
      '--format',
      'csv',
      '--entity',
      'steps',
      '--out',
      stepsFile
    ]);
    expect(steps.code, steps.stderr).toBe(0);
    const stepsCsv = fs.readFileSync(stepsFile, 'utf8');
    expect(stepsCsv.startsWith('\uFEFF"Aktionsplan";"Schritt";"Wer";"Bis";"Erledigt"\r\n')).toBe(true);
    expect(stepsCsv.split('\r\n').filter(Boolean)).toHaveLength(
      expected.plans.reduce((n, plan) => n + plan.steps.length, 0) + 1
    );

    const ideas = await room(['export', link(tokens.viewer), '--format', 'csv', '--entity', 'ideas']);
    expect(ideas.code, ideas.stderr).toBe(0);
    expect(ideas.stdout).toContain(
      '"Thementisch";"Idee";"Von";"Cluster";"Punkte";"Erstellt";"Ausgeblendet (Grund)"'
    );
    const plans = await room(['export', link(tokens.viewer), '--format', 'csv', '--entity', 'plans']);
    expect(plans.stdout).toContain(`"${expected.plans[0]!.title}"`);
    const initiatives = await room(['export', link(tokens.viewer)]);
    expect(initiatives.stdout).toContain('"Name";"Status";"Handlungsfelder"');

    const md = await room(['export', link(tokens.participant), '--format', 'md']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain(`# ${expected.conference.title}`);
    expect(md.stdout).toContain('## Aktionspläne');

    const ics = await room(['export', link(tokens.participant), '--format', 'ics']);
    expect(ics.stdout.match(/BEGIN:VEVENT/g)).toHaveLength(
      expected.plans.reduce((n, plan) => n + plan.steps.filter((s) => s.due).length, 0)
    );
    const geo = await room(['export', link(tokens.participant), '--format', 'geojson']);
    expect((JSON.parse(geo.stdout) as { features: unknown[] }).features.length).toBeGreaterThan(0);

    expect((await room(['export', link(tokens.viewer), '--format', 'pdf'])).code).toBe(2);
    expect((await room(['export', link(tokens.viewer), '--format', 'md', '--entity', 'ideas'])).code).toBe(2);
    expect((await room(['export', link(tokens.viewer), '--format', 'csv', '--entity', 'x'])).code).toBe(2);
  });
});

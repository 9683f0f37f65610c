// `npm run room -- export <link> --format json|csv|md|ics|geojson [--entity …]` as a child process against
// a running relay: a facilitator's devices wrote a rich conference into all four documents; the CLI's JSON
// through a facilitator link equals the devices' own export (contacts included) and validates against the
// schema; a participant's link exports the same without contacts; each CSV entity, Markdown, iCal and
// GeoJSON come out; usage errors exit 2.

import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createConferenceDocs, createFacilitatorsDoc, createPlansDoc } from '../../src/lib/doc';
import { readConferenceExport } from '../../src/lib/export/snapshot';
import type { RoomId } from '../../src/lib/model';
import { useCleanups } from '../helpers/cleanups';
import { seedRichConference } from '../helpers/rich-conference';
import { connectClient } from '../helpers/relay';
import { room, ROOT, startCliRelay } from '../helpers/room-cli';

const defer = useCleanups();

/** Puts `doc` on the relay at `/sync/<roomId><path>` and resolves once the relay stored all of it. */
async function upload(wsUrl: string, roomId: string, path: string, doc: Y.Doc, token: string) {
  const client = connectClient(wsUrl, roomId, token, { path, doc, ack: true });
  defer(() => client.destroy());
  await client.whenSaved(10_000);
}

describe('room export over the relay', () => {
  it('exports the whole conference in every format through links', { timeout: 180_000 }, async () => {
    const { relay, roomId, tokens, link, dir } = await startCliRelay(defer);

    const docs = {
      ...createConferenceDocs(roomId as RoomId),
      plans: createPlansDoc(roomId as RoomId),
      facilitators: createFacilitatorsDoc(roomId as RoomId)
    };
    seedRichConference(docs, 21);
    console.log('seed 21');
    const paths: [string, Y.Doc][] = [
      ['', docs.shared],
      ['/control', docs.control],
      ['/plans', docs.plans],
      ['/facilitators', docs.facilitators]
    ];
    for (const [p, doc] of paths) await upload(relay.wsUrl, roomId, p, doc, tokens.facilitator);
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

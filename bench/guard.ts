// The ownership check's CPU cost per update, alone and against what applying the update costs anyway
// (`npx tsx bench/guard.ts [--updates N] [--ideas N]`). Builds a shared document of N ideas written by 300
// participants' client ids, then times the writes a participant's phone sends (a new idea: one nested map
// with four properties; an edit of its own idea's text) through Y.applyUpdate alone and through
// checkOwnership, each call timed on its own in the same pass (machine noise hits both alike). Prints µs per
// update and the ratio. The relay bench (`npm run bench`) measures the same end to end.

import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { checkOwnership } from '../sync-server/src/guard';
import { ClientOwners } from '../sync-server/src/owners';
import { mulberry32 } from '../tests/helpers/random';

const { values } = parseArgs({
  options: { updates: { type: 'string', default: '4000' }, ideas: { type: 'string', default: '2000' } }
});
const UPDATES = Number(values.updates);
const IDEAS = Number(values.ideas);
const PARTICIPANTS = 300;
const random = mulberry32(9);

function idea(doc: Y.Doc, id: string, text: string): void {
  const map = new Y.Map<unknown>();
  doc.getMap('ideas').set(id, map);
  map.set('tableId', 'tisch-1');
  map.set('text', text);
  map.set('author', 'Anna');
  map.set('createdAt', Date.now());
}

// The board: IDEAS ideas from PARTICIPANTS client ids, each bound to its participant.
const base = new Y.Doc();
const owners: Array<[number, string]> = [];
const writers = Array.from({ length: PARTICIPANTS }, (_, i) => {
  const doc = new Y.Doc();
  doc.clientID = 1000 + i;
  owners.push([doc.clientID, `p:${i}`]);
  return doc;
});
// A writer only needs its own items: a new idea is a new key of the root map, an edit touches its own idea.
const own: string[][] = writers.map(() => []);
for (let i = 0; i < IDEAS; i++) {
  const w = writers[i % PARTICIPANTS]!;
  idea(w, `idea-${i}`, `Idee Nummer ${i} mit etwas Text, wie ihn Menschen schreiben.`);
  own[i % PARTICIPANTS]!.push(`idea-${i}`);
}
for (const w of writers) Y.applyUpdate(base, Y.encodeStateAsUpdate(w));
const snapshot = Y.encodeStateAsUpdate(base);

// The writes: half new ideas, half edits of one of the writer's own ideas.
const writes: Array<{ update: Uint8Array; owner: string }> = [];
for (let n = 0; n < UPDATES; n++) {
  const i = Math.floor(random() * PARTICIPANTS);
  const w = writers[i]!;
  const before = Y.encodeStateVector(w);
  const mine = own[i]!;
  if (n % 2 === 0 || mine.length === 0) {
    idea(w, `new-${n}`, `Neue Idee ${n}`);
    mine.push(`new-${n}`);
  } else {
    const id = mine[Math.floor(random() * mine.length)]!;
    w.getMap<Y.Map<unknown>>('ideas').get(id)?.set('text', `Geändert ${n}`);
  }
  writes.push({ update: Y.encodeStateAsUpdate(w, before), owner: `p:${i}` });
}

/** One pass over the writes: time spent in the check and in Y.applyUpdate, measured per call, in µs. */
function run(): { check: number; apply: number } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  const bindings = new ClientOwners(owners);
  let checkNs = 0n;
  let applyNs = 0n;
  for (const { update, owner } of writes) {
    const t0 = process.hrtime.bigint();
    const verdict = checkOwnership(doc, bindings, owner, false, update);
    const t1 = process.hrtime.bigint();
    if (!verdict.ok) throw new Error(`honest write refused: ${verdict.reason}`);
    Y.applyUpdate(doc, update);
    applyNs += process.hrtime.bigint() - t1;
    checkNs += t1 - t0;
  }
  doc.destroy();
  const per = (ns: bigint): number => Number(ns) / 1000 / writes.length;
  return { check: per(checkNs), apply: per(applyNs) };
}

const rounds = 9;
run(); // warm-up
const results = Array.from({ length: rounds }, run);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const check = median(results.map((r) => r.check));
const apply = median(results.map((r) => r.apply));
const ratio = median(results.map((r) => r.check / r.apply));
process.stdout.write(
  `${writes.length} updates on a board of ${IDEAS} ideas from ${PARTICIPANTS} participants, median of ${rounds} rounds\n` +
    `Y.applyUpdate:    ${apply.toFixed(1)} µs per update\n` +
    `checkOwnership:   ${check.toFixed(1)} µs per update (${(ratio * 100).toFixed(0)} % of the apply, same pass)\n`
);

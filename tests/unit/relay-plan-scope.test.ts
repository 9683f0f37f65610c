// The plan link's write check (sync-server/src/plan-scope.ts) on seeded random edits: a replica makes random
// changes to the plans document (inside plan `p1`, inside plan `p2`, new or removed plans, another root);
// the relay's copy accepts exactly the updates that stay inside `p1`, alone and merged into one update.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { withinPlan } from '../../sync-server/src/plan-scope';

const SEED = Number(process.env.PLAN_SCOPE_SEED ?? Date.now() % 1_000_000);

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const plans = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('plans');

function seedDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const id of ['p1', 'p2']) {
      const p = new Y.Map<unknown>();
      plans(doc).set(id, p);
      p.set('title', id);
      p.set('goal', new Y.Text('Ein Ziel für alle'));
      p.set('steps', new Y.Map());
      const step = new Y.Map<unknown>();
      (p.get('steps') as Y.Map<unknown>).set('s0', step);
      step.set('text', 'erster Schritt');
    }
  });
  return doc;
}

type Edit = (doc: Y.Doc, random: () => number, n: number) => void;

/** Edits of one plan's subtree (allowed for that plan's link). */
function inside(id: string): Edit[] {
  const plan = (doc: Y.Doc) => plans(doc).get(id)!;
  const goal = (doc: Y.Doc) => plan(doc).get('goal') as Y.Text;
  const steps = (doc: Y.Doc) => plan(doc).get('steps') as Y.Map<Y.Map<unknown>>;
  return [
    (doc, _r, n) => plan(doc).set('title', `Titel ${n}`),
    (doc, r, n) => goal(doc).insert(Math.floor(r() * (goal(doc).length + 1)), `w${n} `),
    (doc, r) => {
      const text = goal(doc);
      if (text.length < 2) return text.insert(0, 'nachgefüllt');
      const at = Math.floor(r() * (text.length - 1));
      text.delete(at, 1 + Math.floor(r() * Math.min(3, text.length - at - 1)));
    },
    (doc, _r, n) => {
      const step = new Y.Map<unknown>();
      steps(doc).set(`s${n}`, step);
      step.set('text', `Schritt ${n}`);
      step.set('note', new Y.Text('neu'));
      (step.get('note') as Y.Text).insert(3, ' und nested');
    },
    (doc, r, n) => {
      const keys = [...steps(doc).keys()];
      const key = keys[Math.floor(r() * keys.length)];
      if (key === undefined) return void steps(doc).set(`s${n}`, new Y.Map());
      if (r() < 0.5) steps(doc).delete(key);
      else
        steps(doc)
          .get(key)
          ?.set('done', n % 2 === 0);
    }
  ];
}

/** Edits outside plan p1 (refused for p1's link). */
const outside: Edit[] = [
  ...inside('p2'),
  (doc, _r, n) => plans(doc).set(`new${n}`, new Y.Map()),
  (doc) => plans(doc).delete('p2'),
  (doc) => {
    const p = new Y.Map<unknown>();
    p.set('title', 'ersetzt');
    plans(doc).set('p1', p);
  },
  (doc, _r, n) => doc.getMap('other').set(`k${n}`, n)
];

/** One transaction's update of `edit` on `doc` (null when it changed nothing). */
function updateOf(doc: Y.Doc, edit: () => void): Uint8Array | null {
  let captured: Uint8Array | null = null;
  const grab = (u: Uint8Array) => (captured = u);
  doc.on('update', grab);
  doc.transact(edit);
  doc.off('update', grab);
  return captured;
}

describe('the plan link write check (seed printed)', () => {
  it('accepts exactly the random updates that stay inside the plan', () => {
    console.log(`plan-scope seed: ${SEED} (PLAN_SCOPE_SEED=${SEED} to repeat)`);
    const random = rng(SEED);
    const relay = seedDoc();
    const allowed = inside('p1');
    let accepted = 0;
    let refused = 0;
    for (let round = 0; round < 60; round++) {
      // A device synced with the relay makes 1–4 edits, each its own transaction (and update); an edit
      // outside the plan comes last.
      const device = new Y.Doc();
      Y.applyUpdate(device, Y.encodeStateAsUpdate(relay));
      const updates: Array<{ update: Uint8Array; ok: boolean }> = [];
      const count = 1 + Math.floor(random() * 4);
      for (let i = 0; i < count; i++) {
        const ok = random() < 0.6;
        const pool = ok ? allowed : outside;
        const edit = pool[Math.floor(random() * pool.length)]!;
        const update = updateOf(device, () => edit(device, random, round * 10 + i));
        if (update) updates.push({ update, ok });
        if (!ok) break; // it may have removed or replaced a plan the next edit would use
      }
      if (updates.length === 0) continue;
      // Each update alone, in order, as the relay checks them (a refused one and what follows are dropped).
      const probe = new Y.Doc();
      Y.applyUpdate(probe, Y.encodeStateAsUpdate(relay));
      for (const { update, ok } of updates) {
        expect(withinPlan(probe, 'p1', update), `seed ${SEED} round ${round}`).toBe(ok);
        if (!ok) break;
        Y.applyUpdate(probe, update);
      }
      // All merged into one update (a sync step 2 after offline edits): allowed only when every edit is.
      const merged = Y.mergeUpdates(updates.map((u) => u.update));
      const all = updates.every((u) => u.ok);
      expect(withinPlan(relay, 'p1', merged), `seed ${SEED} round ${round} merged`).toBe(all);
      // The device's whole state (its step 2): the same verdict as its new edits.
      expect(
        withinPlan(relay, 'p1', Y.encodeStateAsUpdate(device)),
        `seed ${SEED} round ${round} step 2`
      ).toBe(all);
      if (all) {
        Y.applyUpdate(relay, merged);
        accepted++;
      } else refused++;
    }
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    expect(plans(relay).has('p2')).toBe(true);
  });

  it('refuses everything outside the plan for a document that has no such plan', () => {
    const relay = new Y.Doc();
    const device = new Y.Doc();
    const update = updateOf(device, () => plans(device).set('p1', new Y.Map()))!;
    expect(withinPlan(relay, 'p1', update)).toBe(false);
    Y.applyUpdate(relay, update);
    const inner = updateOf(device, () => plans(device).get('p1')!.set('title', 'darf'))!;
    expect(withinPlan(relay, 'p1', inner)).toBe(true);
    expect(withinPlan(relay, 'p2', inner)).toBe(false);
    // Nothing new (a reconnect's step 2): allowed.
    expect(withinPlan(relay, 'p2', Y.encodeStateAsUpdate(relay))).toBe(true);
  });
});

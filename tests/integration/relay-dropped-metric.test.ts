// The dropped-writes metric counts real refusals only: a participant's or viewer's page load answers the
// relay's sync step 1 with a step 2 that carries the document's delete set (never empty once something was
// deleted), and that is no write. 100 read-only page loads leave the counter at 0; a viewer's real write
// still counts.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, waitFor, type TestClient, type TestRelay } from '../helpers/relay';
import { useCleanups } from '../helpers/cleanups';
import { relayStarter } from '../helpers/relay-starter';

const defer = useCleanups();
const relayFor = relayStarter(defer);

const dropped = async (t: TestRelay) =>
  (await t.relay.metrics.registry.getSingleMetricAsString('relay_dropped_writes_total'))
    .split('\n')
    .filter((line) => line.startsWith('relay_dropped_writes_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);

function connect(t: TestRelay, token: string, control: boolean, doc?: Y.Doc): TestClient {
  const c = connectClient(t.wsUrl, t.room.roomId, token, { control, ack: true, doc });
  defer(() => c.destroy());
  return c;
}

describe('relay_dropped_writes_total', () => {
  it('stays at 0 for 100 read-only page loads of documents with deletions, and counts a real write', async () => {
    const t = await relayFor();
    const { tokens } = t.room;
    // A facilitator fills both documents and deletes something in each, so every later step 2 carries a
    // non-empty delete set.
    const control = connect(t, tokens.facilitator, true);
    const shared = connect(t, tokens.facilitator, false);
    await Promise.all([control.whenSynced(), shared.whenSynced()]);
    control.doc.getMap('tables').set('t1', 'Dorfladen');
    control.doc.getMap('tables').set('t2', 'Bürgerenergie');
    control.doc.getMap('tables').delete('t1');
    shared.doc.getMap('ideas').set('i1', 'Solardach');
    shared.doc.getMap('ideas').delete('i1');
    await Promise.all([control.whenSaved(), shared.whenSaved()]);

    // Page loads: devices that hold the documents already (as from IndexedDB) and devices that hold nothing.
    for (let i = 0; i < 50; i++) {
      const role = i % 2 === 0 ? tokens.participant : tokens.viewer;
      const known = (source: Y.Doc) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
        return doc;
      };
      const loads = [
        connect(t, role, true, known(control.doc)),
        connect(t, tokens.viewer, false, i % 3 === 0 ? undefined : known(shared.doc))
      ];
      await Promise.all(loads.map((c) => c.whenSynced()));
      for (const c of loads) c.destroy();
    }
    expect(await dropped(t)).toBe(0);

    // A viewer that writes a new item is refused and counted.
    const viewer = connect(t, tokens.viewer, false);
    await viewer.whenSynced();
    viewer.doc.getMap('ideas').set('v1', 'nicht erlaubt');
    let count = 0;
    await waitFor(
      () => {
        void dropped(t).then((n) => (count = n));
        return count === 1;
      },
      { message: 'the viewer write was not counted' }
    );
  });
});

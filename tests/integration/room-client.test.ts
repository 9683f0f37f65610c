// `npm run room -- import|export` as a child process against a running relay: the CLI reaches the
// conference through a link like a device, so a connected client sees an import at once; a file with an
// invalid row changes nothing unless --skip-invalid; --dry-run only previews; any role's link exports;
// importing needs a facilitator link.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConferenceDocs, initConference, readLandkarte } from '../../src/lib/doc';
import type { RoomId } from '../../src/lib/model';
import { useCleanups } from '../helpers/cleanups';
import { connectClient, waitFor } from '../helpers/relay';
import { room, startCliRelay } from '../helpers/room-cli';

const defer = useCleanups();

const CSV =
  'Name;Status;Handlungsfelder;Ort;Breitengrad;Längengrad\n' +
  'Solawi Ravensburg;besteht;Landwirtschaft & Ernährung;Ravensburg;47,78;9,61\n' +
  ';besteht;Energie;;;\n' +
  '=HYPERLINK("x");geplant;Mobilität;Wangen;;\n';

describe('room import and export over the relay', () => {
  it(
    'imports, refuses invalid files, previews, and exports through links',
    { timeout: 120_000 },
    async () => {
      const { relay, roomId, tokens, link, dir } = await startCliRelay(defer);

      // A facilitator's device set the conference up (default Handlungsfelder); a participant watches.
      const docs = createConferenceDocs(roomId as RoomId);
      const control = connectClient(relay.wsUrl, roomId, tokens.facilitator, {
        control: true,
        ack: true,
        doc: docs.control
      });
      const shared = connectClient(relay.wsUrl, roomId, tokens.participant, { doc: docs.shared });
      defer(() => (control.destroy(), shared.destroy()));
      await Promise.all([control.whenSynced(), shared.whenSynced()]);
      initConference(docs.control, { title: 'Ravensburg' });
      await control.whenSaved();

      const file = path.join(dir, 'initiativen.csv');
      fs.writeFileSync(file, CSV);

      const refused = await room(['import', link(tokens.facilitator), file]);
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stderr).toContain('line 3 "": name: empty');
      expect(refused.stderr).toContain('nothing imported');

      const dry = await room(['import', link(tokens.facilitator), file, '--dry-run', '--skip-invalid']);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stderr).toContain('3 rows: 2 valid, 1 invalid');

      const participant = await room(['import', link(tokens.participant), file, '--skip-invalid']);
      expect(participant.code).toBe(2);
      expect(participant.stderr).toContain('facilitator link');
      // Nothing of the three attempts reached the conference.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(readLandkarte(docs).initiatives).toEqual([]);

      const imported = await room(['import', link(tokens.facilitator), file, '--skip-invalid']);
      expect(imported.code, imported.stderr).toBe(0);
      expect(JSON.parse(imported.stdout)).toEqual({ imported: 2 });
      // The participant's connected client sees the import without reconnecting.
      const names = await waitFor(() => {
        const list = readLandkarte(docs).initiatives.map((i) => i.name);
        return list.length === 2 ? list : null;
      });
      expect(names).toEqual(['=HYPERLINK("x")', 'Solawi Ravensburg']);

      const csv = await room(['export', link(tokens.viewer)]);
      expect(csv.code, csv.stderr).toBe(0);
      expect(csv.stdout).toContain('"\'=HYPERLINK(""x"")";"geplant";"Mobilität"');
      expect(csv.stdout).toContain('"Solawi Ravensburg";"besteht";"Landwirtschaft & Ernährung"');

      const out = path.join(dir, 'landkarte.geojson');
      const geo = await room(['export', link(tokens.participant), '--format', 'geojson', '--out', out]);
      expect(geo.code, geo.stderr).toBe(0);
      const collection = JSON.parse(fs.readFileSync(out, 'utf8')) as {
        type: string;
        features: { geometry: { coordinates: number[] }; properties: { name: string } }[];
      };
      expect(collection.type).toBe('FeatureCollection');
      expect(collection.features.map((f) => [f.properties.name, f.geometry.coordinates])).toEqual([
        ['Solawi Ravensburg', [9.61, 47.78]]
      ]);

      const usage = await room(['export', 'not a link']);
      expect(usage.code).toBe(2);
    }
  );
});

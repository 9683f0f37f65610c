// `npm run room -- export <link> [--format json|csv|md|ics|geojson] [--entity initiatives|ideas|plans|steps]
// [--out FILE]`: the exports of the export page (src/lib/export) from the command line, a Yjs client of the
// running relay reaching the conference through a link (scripts/room-connect.ts connects). It syncs the
// shared, control and plans documents, and with a facilitator link the facilitators document too, whose
// contacts only a facilitator's JSON export carries. `--format csv` without `--entity` exports the
// initiatives, as before. Exit codes: 0 done, 1 no connection, 2 usage.

import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { isCsvEntity } from '../src/lib/export/csv';
import { exportFile, isExportFormat } from '../src/lib/export/files';
import { readConferenceExport } from '../src/lib/export/snapshot';
import { connect, parseLink, UsageError } from './room-connect';

export async function runExport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'csv' },
      entity: { type: 'string' },
      out: { type: 'string' }
    }
  });
  if (!isExportFormat(values.format)) throw new UsageError('--format must be json, csv, md, ics or geojson');
  const entity = values.entity ?? 'initiatives';
  if (!isCsvEntity(entity)) throw new UsageError('--entity must be initiatives, ideas, plans or steps');
  if (values.entity && values.format !== 'csv') throw new UsageError('--entity goes with --format csv');
  const link = parseLink(positionals[0]);
  const facilitator = link.target.role === 'facilitator';
  const conn = await connect(link, { plans: true, facilitators: facilitator });
  try {
    const data = readConferenceExport({
      control: conn.docs.control,
      shared: conn.docs.shared,
      plans: conn.plans!,
      facilitators: conn.facilitators
    });
    const file = await exportFile(data, values.format, entity);
    if (values.out) fs.writeFileSync(values.out, file.text);
    else process.stdout.write(file.text);
    return 0;
  } finally {
    conn.close();
  }
}

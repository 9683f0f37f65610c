// The command line as a Yjs client of the running relay, for regional teams who keep their lists
// elsewhere. It reaches a conference through a join link, syncs its documents over the relay like a
// device (room-connect.ts), reads and writes them through src/lib/doc, and never touches the relay's store, so connected
// devices see an import at once.
//   npm run room -- import <facilitator link> initiatives.csv [--skip-invalid] [--dry-run]
//   npm run room -- export <link> [--format json|csv|md|ics|geojson] [--entity …] [--out FILE]  (room-export.ts)
// Exit codes: 0 done, 1 invalid rows (nothing changed) or no connection, 2 usage.

import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { addInitiatives, readFields } from '../src/lib/doc';
import { previewCsv, type CsvPreview } from '../src/lib/model/initiative-csv';
import { looksLikeConferenceFile } from '../src/lib/model/conference-file';
import { connect, parseLink, UsageError } from './room-connect';

const USAGE = `Usage:
  room import <facilitator link> <file.csv> [--skip-invalid] [--dry-run]
  room import <facilitator link> <conference file (.slt.json)>
  room export <link> [--format json|csv|md|ics|geojson] [--entity initiatives|ideas|plans|steps] [--out FILE]`;

function printPreview(preview: CsvPreview, out: NodeJS.WritableStream): void {
  for (const row of preview.rows) {
    if (row.errors.length === 0) continue;
    const errors = row.errors.map((e) => `${e.column}: ${e.code}${e.value ? ` (${e.value})` : ''}`);
    out.write(`line ${row.line} "${row.name}": ${errors.join('; ')}\n`);
  }
  const valid = preview.rows.filter((r) => r.value).length;
  out.write(
    `${preview.rows.length} rows: ${valid} valid, ${preview.rows.length - valid} invalid` +
      ` (${preview.encoding}, separator "${preview.delimiter}")` +
      (preview.ignored.length ? `; ignored columns: ${preview.ignored.join(', ')}` : '') +
      '\n'
  );
}

async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'skip-invalid': { type: 'boolean' }, 'dry-run': { type: 'boolean' } }
  });
  const [linkText, file] = positionals;
  if (!file) throw new UsageError('give a link and a CSV file');
  const link = parseLink(linkText);
  if (link.target.role !== 'facilitator') throw new UsageError('importing needs a facilitator link');
  const bytes = new Uint8Array(fs.readFileSync(file));
  // A conference file (told by its content) is merged whole by scripts/room-file.ts.
  if (looksLikeConferenceFile(bytes)) return (await import('./room-file')).importConferenceFile(link, bytes);
  const conn = await connect(link);
  try {
    const preview = previewCsv(bytes, readFields(conn.docs.control));
    printPreview(preview, process.stderr);
    if (preview.missingName) {
      process.stderr.write('the file has no name column: nothing imported\n');
      return 1;
    }
    const invalid = preview.rows.some((r) => !r.value);
    if (values['dry-run']) {
      process.stderr.write('dry run: nothing imported\n');
      return invalid && !values['skip-invalid'] ? 1 : 0;
    }
    if (invalid && !values['skip-invalid']) {
      process.stderr.write('invalid rows: nothing imported (use --skip-invalid to import the valid rows)\n');
      return 1;
    }
    const rows = preview.rows.flatMap((r) => (r.value ? [r.value] : []));
    const added = addInitiatives(conn.docs, rows);
    if (!added.ok) {
      process.stderr.write(`import refused: ${added.error} ${added.field ?? ''}\n`);
      return 1;
    }
    await conn.saved();
    process.stdout.write(`${JSON.stringify({ imported: added.value.length })}\n`);
    return 0;
  } finally {
    conn.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === 'import') return await runImport(args);
    const { runExport } = await import('./room-export');
    return await runExport(args);
  } catch (error) {
    const usage =
      error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n${usage ? `${USAGE}\n` : ''}`
    );
    return usage ? 2 : 1;
  }
}

process.exit(await main(process.argv.slice(2)));

// The command line as a Yjs client of the running relay, for regional teams who keep their lists
// elsewhere. It reaches a conference through a join link, syncs its two documents over the relay like a
// device, reads and writes them through src/lib/doc, and never touches the relay's store, so connected
// devices see an import at once.
//   npm run room -- import <facilitator link> initiatives.csv [--skip-invalid] [--dry-run]
//   npm run room -- export <link> [--format json|csv|md|ics|geojson] [--entity …] [--out FILE]  (room-export.ts)
// Exit codes: 0 done, 1 invalid rows (nothing changed) or no connection, 2 usage.

import fs from 'node:fs';
import { parseArgs } from 'node:util';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import {
  addInitiatives,
  createConferenceDocs,
  createFacilitatorsDoc,
  createPlansDoc,
  destroyConferenceDocs,
  readFields,
  type ConferenceDocs
} from '../src/lib/doc';
import { parseJoinInput, type JoinTarget } from '../src/lib/model';
import { previewCsv, type CsvPreview } from '../src/lib/model/initiative-csv';
import { MESSAGE_SAVE_REQUEST } from '../src/lib/model/wire';
import { looksLikeConferenceFile } from '../src/lib/model/conference-file';

const USAGE = `Usage:
  room import <facilitator link> <file.csv> [--skip-invalid] [--dry-run]
  room import <facilitator link> <conference file (.slt.json)>
  room export <link> [--format json|csv|md|ics|geojson] [--entity initiatives|ideas|plans|steps] [--out FILE]`;
const TIMEOUT_MS = Number(process.env.ROOM_CLIENT_TIMEOUT_MS ?? 20_000);

export class UsageError extends Error {}

export interface Link {
  target: JoinTarget;
  wsBase: string;
}

export function parseLink(text: string | undefined): Link {
  const parsed = parseJoinInput(text ?? '');
  if (!parsed.ok) throw new UsageError(`not a join link (${parsed.error})`);
  let origin: URL;
  try {
    origin = new URL(text!.trim());
  } catch {
    throw new UsageError('the link must be a full address (http://… or https://…)');
  }
  const base = origin.pathname.replace(/\/join\/.*$/, '');
  return { target: parsed.value, wsBase: `${origin.origin.replace(/^http/, 'ws')}${base}/sync` };
}

export interface Connected {
  docs: ConferenceDocs;
  /** The plans and facilitators documents, when asked for (`connect(link, { plans, facilitators })`). */
  plans: Y.Doc | null;
  facilitators: Y.Doc | null;
  providers: WebsocketProvider[];
  /** Resolves once the relay stored everything this client sent on every socket. */
  saved(): Promise<void>;
  close(): void;
}

/** Connects the conference's documents (shared, control, and the others asked for) and waits for their first sync. */
export async function connect(
  link: Link,
  more: { plans?: boolean; facilitators?: boolean } = {}
): Promise<Connected> {
  const { roomId, token } = link.target;
  const docs = createConferenceDocs(roomId);
  const plans = more.plans ? createPlansDoc(roomId) : null;
  const facilitators = more.facilitators ? createFacilitatorsDoc(roomId) : null;
  const answers = new Map<WebsocketProvider, () => void>();
  const open = (doc: Y.Doc, room: string) => {
    const provider = new WebsocketProvider(link.wsBase, room, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token, ack: '1' },
      disableBc: true
    });
    provider.messageHandlers[MESSAGE_SAVE_REQUEST] = () => {
      answers.get(provider)?.();
      answers.delete(provider);
    };
    return provider;
  };
  const providers = [open(docs.shared, roomId), open(docs.control, `${roomId}/control`)];
  if (plans) providers.push(open(plans, `${roomId}/plans`));
  if (facilitators) providers.push(open(facilitators, `${roomId}/facilitators`));
  const close = () => {
    for (const p of providers) p.destroy();
    destroyConferenceDocs(docs);
    plans?.destroy();
    facilitators?.destroy();
  };
  const synced = Promise.all(
    providers.map((p) => new Promise<void>((resolve) => p.once('sync', () => resolve())))
  );
  const ok = await withTimeout(synced, 'no sync with the relay');
  if (!ok) {
    close();
    throw new Error(`could not reach the conference at ${link.wsBase} within ${TIMEOUT_MS / 1000} s`);
  }
  return {
    docs,
    plans,
    facilitators,
    providers,
    async saved() {
      const waits = providers.map(
        (p) =>
          new Promise<void>((resolve) => {
            answers.set(p, resolve);
            const enc = encoding.createEncoder();
            encoding.writeVarUint(enc, MESSAGE_SAVE_REQUEST);
            p.ws?.send(encoding.toUint8Array(enc));
          })
      );
      if (!(await withTimeout(Promise.all(waits), 'save')))
        throw new Error('the relay did not confirm saving');
    },
    close
  };
}

async function withTimeout<T>(promise: Promise<T>, _what: string): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), TIMEOUT_MS)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

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
    return await runExport(args, { connect, parseLink, UsageError });
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

// `npm run room -- import <facilitator link> FILE` for a conference file (model/conference-file.ts; the
// CSV import in room-client.ts hands a file over here when its content is one). The file is checked
// completely first (checksum, version, roles, every Yjs state); a refused file changes nothing and exits 1.
// Then the CLI connects to the conference's documents over the relay like a facilitator's device
// (room-connect.ts), merges
// the file's states into them (what both sides changed apart is kept) and waits until the relay confirms
// it stored everything.

import * as Y from 'yjs';
import { applyDocState, checkDocStates } from '../src/lib/doc/conference-file';
import {
  decodeConferenceFile,
  type ConferenceFileError,
  type FileDocName
} from '../src/lib/model/conference-file';
import { connect, type Connected, type Link } from './room-connect';

const REFUSED: Record<ConferenceFileError, string> = {
  foreign: 'not a conference file of this app',
  truncated: 'the file is incomplete (cut off)',
  damaged: 'the file is damaged (its checksum or structure does not hold)',
  newer: 'the file was made by a newer version of the app',
  role: 'the file grants more than its access token allows',
  tooLarge: 'the file is too large'
};

/** Imports the conference file `bytes` through a facilitator's link; resolves with the exit code. */
export async function importConferenceFile(link: Link, bytes: Uint8Array): Promise<number> {
  const decoded = await decodeConferenceFile(bytes);
  const error = !decoded.ok
    ? decoded.error
    : checkDocStates(decoded.value.roomId, decoded.value.docs)
      ? null
      : 'damaged';
  if (!decoded.ok || error) {
    process.stderr.write(`refused: ${REFUSED[error ?? 'damaged']}: nothing changed\n`);
    return 1;
  }
  const file = decoded.value;
  const { roomId } = link.target;
  if (file.roomId !== roomId) {
    process.stderr.write(
      `refused: the file holds conference ${file.roomId}, the link names ${roomId}: nothing changed\n`
    );
    return 1;
  }

  const names = Object.keys(file.docs) as FileDocName[];
  let conn: Connected;
  try {
    conn = await connect(link, {
      plans: names.includes('plans'),
      facilitators: names.includes('facilitators')
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}: nothing changed\n`);
    return 1;
  }
  try {
    const docOf = (name: FileDocName): Y.Doc | null =>
      name === 'shared' || name === 'control' ? conn.docs[name] : conn[name];
    const before = names.map((name) => Y.encodeStateVector(docOf(name)!));
    names.forEach((name) => applyDocState(docOf(name)!, file.docs[name]!));
    await conn.saved();
    const changed = names.filter((name, i) => {
      const after = Y.encodeStateVector(docOf(name)!);
      return after.length !== before[i]!.length || after.some((b, k) => b !== before[i]![k]);
    });
    process.stdout.write(`${JSON.stringify({ imported: roomId, docs: names, changed })}\n`);
    return 0;
  } finally {
    conn.close();
  }
}

// `npm run room -- import <facilitator link> FILE` for a conference file (model/conference-file.ts; the
// CSV import in room-client.ts hands a file over here when its content is one). The file is checked
// completely first (checksum, version, roles, every Yjs state); a refused file changes nothing and exits 1.
// Then the CLI connects to the conference's documents over the relay like a facilitator's device, merges
// the file's states into them (what both sides changed apart is kept) and waits until the relay confirms
// it stored everything.

import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { applyDocState, checkDocStates, createFileDoc } from '../src/lib/doc/conference-file';
import type { JoinTarget } from '../src/lib/model';
import {
  decodeConferenceFile,
  type ConferenceFileError,
  type FileDocName
} from '../src/lib/model/conference-file';
import { MESSAGE_SAVE_REQUEST } from '../src/lib/model/wire';

const TIMEOUT_MS = Number(process.env.ROOM_CLIENT_TIMEOUT_MS ?? 20_000);

const REFUSED: Record<ConferenceFileError, string> = {
  foreign: 'not a conference file of this app',
  truncated: 'the file is incomplete (cut off)',
  damaged: 'the file is damaged (its checksum or structure does not hold)',
  newer: 'the file was made by a newer version of the app',
  role: 'the file grants more than its access token allows',
  tooLarge: 'the file is too large'
};

/** The relay path (after `/sync/`) of each document. */
function room(roomId: string, name: FileDocName): string {
  return name === 'shared' ? roomId : `${roomId}/${name}`;
}

function timeout<T>(promise: Promise<T>): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), TIMEOUT_MS)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Imports the conference file `bytes` through a facilitator's link; resolves with the exit code. */
export async function importConferenceFile(
  link: { target: JoinTarget; wsBase: string },
  bytes: Uint8Array
): Promise<number> {
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
  const { roomId, token } = link.target;
  if (file.roomId !== roomId) {
    process.stderr.write(
      `refused: the file holds conference ${file.roomId}, the link names ${roomId}: nothing changed\n`
    );
    return 1;
  }

  const names = Object.keys(file.docs) as FileDocName[];
  const docs = names.map((name) => createFileDoc(roomId, name));
  const answers = new Map<WebsocketProvider, () => void>();
  const providers = names.map((name, i) => {
    const provider = new WebsocketProvider(link.wsBase, room(roomId, name), docs[i]!, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token, ack: '1' },
      disableBc: true
    });
    provider.messageHandlers[MESSAGE_SAVE_REQUEST] = () => {
      answers.get(provider)?.();
      answers.delete(provider);
    };
    return provider;
  });
  try {
    const synced = Promise.all(
      providers.map((p) => new Promise<void>((resolve) => p.once('sync', () => resolve())))
    );
    if ((await timeout(synced)) === null) {
      process.stderr.write(
        `could not reach the conference at ${link.wsBase} within ${TIMEOUT_MS / 1000} s: nothing changed\n`
      );
      return 1;
    }
    const before = docs.map((doc) => Y.encodeStateVector(doc));
    names.forEach((name, i) => applyDocState(docs[i]!, file.docs[name]!));
    const saved = Promise.all(
      providers.map(
        (p) =>
          new Promise<void>((resolve) => {
            answers.set(p, resolve);
            const enc = encoding.createEncoder();
            encoding.writeVarUint(enc, MESSAGE_SAVE_REQUEST);
            p.ws?.send(encoding.toUint8Array(enc));
          })
      )
    );
    if ((await timeout(saved)) === null) {
      process.stderr.write('the relay did not confirm saving\n');
      return 1;
    }
    const changed = names.filter((_, i) => {
      const after = Y.encodeStateVector(docs[i]!);
      return after.length !== before[i]!.length || after.some((b, k) => b !== before[i]![k]);
    });
    process.stdout.write(`${JSON.stringify({ imported: roomId, docs: names, changed })}\n`);
    return 0;
  } finally {
    for (const p of providers) p.destroy();
    for (const doc of docs) doc.destroy();
  }
}

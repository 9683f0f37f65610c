// Closes open sockets whose link was revoked or expired since they connected (every REVALIDATE_MS). One
// lookup per link, not per socket (a hall of 300 phones shares one participant link), and a yield to the
// event loop every few lookups: with thousands of sockets a synchronous store (SQLite) would otherwise stall
// every room for the whole sweep.

import { linkProblem } from './auth';
import type { Connection } from './connection';
import { CLOSE } from './protocol';
import type { Storage } from './storage/types';

const LOOKUPS_PER_TURN = 100;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Resolves with the number of sockets closed. */
export async function revalidateConnections(
  connections: Iterable<Connection>,
  storage: Pick<Storage, 'findLink'>,
  now = Date.now()
): Promise<number> {
  const byLink = new Map<string, Connection[]>();
  for (const connection of connections) {
    const key = `${connection.room.roomId}\n${connection.tokenHash}`;
    const group = byLink.get(key);
    if (group) group.push(connection);
    else byLink.set(key, [connection]);
  }
  let lookups = 0;
  let closed = 0;
  for (const group of byLink.values()) {
    if (++lookups % LOOKUPS_PER_TURN === 0) await yieldToLoop();
    const { room, tokenHash } = group[0]!;
    const link = await storage.findLink(room.roomId, tokenHash);
    const problem = link ? linkProblem(link, now) : 'token_revoked';
    if (!problem) continue;
    for (const connection of group) {
      connection.close(CLOSE.forbidden, 'Zugang widerrufen oder abgelaufen / access revoked or expired');
      closed++;
    }
  }
  return closed;
}

// Keepalives and pings for every open socket from one relay-wide timer (see Connection.heartbeat).

import type { Connection } from './connection';

/**
 * One relay-wide timer instead of two per socket: every tick (at most every half keepalive, so a quiet
 * socket is never silent longer than keepaliveMs) each connection sends what it owes (see heartbeat).
 * Returns the function that stops it.
 */
export function startHeartbeats(
  connections: Iterable<Connection>,
  keepaliveMs: number,
  pingIntervalMs: number
): () => void {
  const half = Math.max(50, Math.floor(keepaliveMs / 2));
  const tickMs = Math.min(half, Math.max(50, Math.floor(pingIntervalMs / 4)), 1000);
  const timer = setInterval(() => {
    const now = Date.now();
    // No copy of thousands of connections per tick: a Set skips what a heartbeat removes (a dead peer).
    for (const connection of connections) connection.heartbeat(now, half, pingIntervalMs);
  }, tickMs);
  return () => clearInterval(timer);
}

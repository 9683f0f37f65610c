// Spreads the closing of sockets at shutdown over a window, so a hall of 300 phones does not reconnect (to
// the restarted relay or another instance) in the same instant. Closes run in a shuffled order, evenly
// spaced, at most one per STEP_MS: a few connections close at once, 300 over the whole window. Sockets
// still open meanwhile are served as usual.

/** Shortest gap between two closes. */
const STEP_MS = 10;

export interface Closable {
  close(code: number, reason: string): void;
}

/** Resolves once every connection has been told to close; `spreadMs` bounds how long that takes. */
export async function closeSpread(
  connections: Closable[],
  options: { spreadMs: number; code: number; reason: string; random?: () => number }
): Promise<void> {
  const random = options.random ?? Math.random;
  const order = [...connections];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as Closable, order[i] as Closable];
  }
  const windowMs = Math.min(options.spreadMs, (order.length - 1) * STEP_MS);
  const started = Date.now();
  for (let i = 0; i < order.length; i++) {
    const at = order.length > 1 ? (windowMs * i) / (order.length - 1) : 0;
    const wait = started + at - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    order[i]?.close(options.code, options.reason);
  }
}

// Seeded fuzzing of the relay with bad document content: 1,000 each of random frames, truncated valid
// updates and bit-flipped valid updates, over raw sockets with a valid token (tests/helpers/fuzz.ts).
// Afterwards the relay is up, /healthz answers 200, the document is unchanged and clients still sync.
// Replay a failure with RELAY_FUZZ_SEED=<seed> (printed).

import { afterEach, describe, it } from 'vitest';
import { fuzzRelay } from '../helpers/fuzz';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('relay fuzzing: document content', () => {
  it('survives random, truncated and bit-flipped frames with the document unchanged', async () => {
    await fuzzRelay(['random', 'truncated', 'bitflip'], cleanups);
  }, 60_000);
});

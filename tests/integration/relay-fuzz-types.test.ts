// Seeded fuzzing of the relay with bad framing: 1,000 each of unknown message types and unknown sync
// sub-types (with random or real payloads), over raw sockets with a valid token (tests/helpers/fuzz.ts).
// Every one is refused with 4400; afterwards the relay is up and the document unchanged.
// Replay a failure with RELAY_FUZZ_SEED=<seed> (printed).

import { afterEach, describe, it } from 'vitest';
import { fuzzRelay } from '../helpers/fuzz';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('relay fuzzing: message types', () => {
  it('refuses unknown message types and sync sub-types with 4400 and keeps the document', async () => {
    await fuzzRelay(['unknown_type', 'unknown_sync'], cleanups);
  }, 60_000);
});

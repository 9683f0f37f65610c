// The one seeded PRNG of the tests, benchmarks and scripts (mulberry32), so every random schedule can be
// replayed from the seed a failure prints.

/** A tiny seeded PRNG returning floats uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The seeds of a seeded test: `<NAME>_SEED=n` replays one, `<NAME>_SEEDS=k` runs k (default `count`), starting
 * at `first` and `step` apart.
 */
export function seedList(name: string, count: number, first = 1, step = 1): number[] {
  const one = process.env[`${name}_SEED`];
  if (one) return [Number(one)];
  return Array.from({ length: Number(process.env[`${name}_SEEDS`] ?? count) }, (_, i) => first + i * step);
}

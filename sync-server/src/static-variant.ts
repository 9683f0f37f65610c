// Content negotiation and byte ranges for the static app. The build writes brotli (`.br`) and gzip (`.gz`)
// copies beside every compressible file (adapter-static's `precompress`), so the relay never compresses at
// request time: it picks the smallest variant the browser accepts (Accept-Encoding, q-values honoured) that
// exists on disk. A Range request gets one byte range of the chosen representation (206), or 416; several
// ranges, or an If-Range that no longer matches, get the whole file (200), as RFC 9110 allows.

export type Encoding = 'br' | 'gzip' | 'identity';

/** Types worth compressing; the build wrote .br/.gz copies only for these (images are compressed already). */
export const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.svg',
  '.xml',
  '.txt',
  '.wasm'
]);

/** Suffix of each stored variant, in the order preferred (smallest first). */
export const VARIANTS: ReadonlyArray<{ encoding: Exclude<Encoding, 'identity'>; suffix: string }> = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' }
];

/** q-value the Accept-Encoding header gives each coding (absent: 0, `*` covers what is not named). */
export function acceptedEncodings(header: string | undefined): Map<string, number> {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [rawName, ...params] = part.toLowerCase().split(';');
    const name = rawName?.trim();
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m) q = Math.min(1, Math.max(0, Number(m[1]) || 0));
    }
    accepted.set(name, q);
  }
  return accepted;
}

/** The first variant in `available` (preference order) that the header accepts with q > 0. */
export function chooseEncoding(header: string | undefined, available: readonly Encoding[]): Encoding {
  const accepted = acceptedEncodings(header);
  const q = (coding: string): number => accepted.get(coding) ?? accepted.get('*') ?? 0;
  for (const encoding of available) if (encoding !== 'identity' && q(encoding) > 0) return encoding;
  return 'identity';
}

export type RangeAnswer =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/** One `bytes=` range of a representation of `size` bytes (inclusive end), per RFC 9110 §14. */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'full' };
  const m = /^\s*bytes\s*=\s*([^,]*)$/i.exec(header);
  if (!m) return { kind: 'full' }; // several ranges or another unit: answer with the whole file
  const spec = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(m[1] ?? '');
  if (!spec || (spec[1] === '' && spec[2] === '')) return { kind: 'full' };
  if (spec[1] === '') {
    const suffix = Number(spec[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(spec[1]);
  const end = spec[2] === '' ? size - 1 : Math.min(Number(spec[2]), size - 1);
  if (start >= size) return { kind: 'unsatisfiable' };
  if (end < start) return { kind: 'full' }; // invalid range: ignored
  return { kind: 'partial', start, end };
}

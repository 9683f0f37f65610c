// The relay serves the built app precompressed: the brotli or gzip copy the build made, chosen by
// Accept-Encoding (q-values honoured, identity when nothing acceptable exists), with `Vary: Accept-Encoding`,
// `Content-Encoding`, an ETag per representation, a year of immutable caching for hashed assets and
// no-cache for the shell and the service worker; HEAD, conditional requests and byte ranges behave.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../sync-server/src/log';
import { acceptedEncodings, chooseEncoding, parseRange } from '../../sync-server/src/static-variant';
import { makeTempDir, startTestRelay, type TestRelay } from '../helpers/relay';
import { useCleanups } from '../helpers/cleanups';
import { relayStarter } from '../helpers/relay-starter';

const defer = useCleanups();
const relayFor = relayStarter(defer);

const JS = `export const hello = ${JSON.stringify('Grüß Gott, Stadt Land Tisch! '.repeat(200))};\n`;
const HTML = `<!doctype html><title>Stadt Land Tisch</title>${'<p>Thementisch</p>'.repeat(100)}`;
const SW = 'self.addEventListener("fetch", () => {});\n'.repeat(20);
const ASSET = '/_app/immutable/chunks/abc123.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request (fetch would decode the body and hide what travelled). */
function request(
  t: TestRelay,
  urlPath: string,
  headers: http.OutgoingHttpHeaders = {},
  method = 'GET'
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .request({ host: '127.0.0.1', port: t.relay.port, path: urlPath, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
        );
      })
      .on('error', reject)
      .end();
  });
}

function writeApp(withVariants: boolean): string {
  const dir = makeTempDir('slt-static-');
  const write = (rel: string, text: string) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    if (withVariants) {
      fs.writeFileSync(`${file}.br`, brotliCompressSync(Buffer.from(text)));
      fs.writeFileSync(`${file}.gz`, gzipSync(Buffer.from(text)));
    }
  };
  write('index.html', HTML);
  write(ASSET, JS);
  write('sw.js', SW);
  fs.writeFileSync(path.join(dir, 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  return dir;
}

describe('precompressed static files', () => {
  let t: TestRelay;
  let dir: string;
  beforeAll(async () => {
    dir = writeApp(true);
    t = await startTestRelay({ config: { staticDir: dir } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends brotli, gzip or the plain file by Accept-Encoding, always with Vary', async () => {
    const br = await request(t, ASSET, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(JS.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(JS);
    expect(br.headers['content-type']).toMatch(/^text\/javascript/);

    const gz = await request(t, ASSET, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(JS);

    const plain = await request(t, ASSET);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(JS);

    // q=0 refuses a coding; the next acceptable one is used.
    const noBr = await request(t, ASSET, { 'accept-encoding': 'br;q=0, gzip;q=0.5' });
    expect(noBr.headers['content-encoding']).toBe('gzip');
    const none = await request(t, ASSET, { 'accept-encoding': 'identity, *;q=0' });
    expect(none.headers['content-encoding']).toBeUndefined();
    const star = await request(t, ASSET, { 'accept-encoding': '*' });
    expect(star.headers['content-encoding']).toBe('br');

    // Each representation has its own validator.
    expect(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size).toBe(3);
  });

  it('caches hashed assets for a year and revalidates the shell, the SPA fallback and the service worker', async () => {
    const asset = await request(t, ASSET, { 'accept-encoding': 'br' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const route of ['/', '/index.html', '/join/SomeRoom123', '/sw.js']) {
      const res = await request(t, route, { 'accept-encoding': 'br, gzip' });
      expect(res.status, route).toBe(200);
      expect(res.headers['cache-control'], route).toBe('no-cache');
      expect(res.headers['content-encoding'], route).toBe('br');
      expect(res.headers.vary, route).toBe('Accept-Encoding');
      expect(brotliDecompressSync(res.body).toString(), route).toBe(route === '/sw.js' ? SW : HTML);
    }
    // Images are never precompressed and do not vary.
    const png = await request(t, '/icon.png', { 'accept-encoding': 'br' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers.vary).toBeUndefined();
  });

  it('answers HEAD with the headers of GET and no body, and 304 to a matching If-None-Match', async () => {
    const get = await request(t, '/sw.js', { 'accept-encoding': 'gzip' });
    const head = await request(t, '/sw.js', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of [
      'content-length',
      'content-encoding',
      'etag',
      'vary',
      'cache-control',
      'content-type'
    ]) {
      expect(head.headers[name], name).toBe(get.headers[name]);
    }
    const again = await request(t, '/sw.js', {
      'accept-encoding': 'gzip',
      'if-none-match': `"x", ${get.headers.etag}`
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.vary).toBe('Accept-Encoding');
    // The gzip validator does not match the brotli representation.
    const other = await request(t, '/sw.js', {
      'accept-encoding': 'br',
      'if-none-match': get.headers.etag ?? ''
    });
    expect(other.status).toBe(200);
    expect((await request(t, '/sw.js', { 'if-none-match': '*' })).status).toBe(304);
  });

  it('serves one byte range of the chosen representation, 416 beyond its end, the whole file otherwise', async () => {
    const plain = await request(t, ASSET, { range: 'bytes=10-19' });
    expect(plain.status).toBe(206);
    expect(plain.headers['content-range']).toBe(`bytes 10-19/${Buffer.byteLength(JS)}`);
    expect(plain.body.toString()).toBe(Buffer.from(JS).subarray(10, 20).toString());
    const whole = await request(t, ASSET, { 'accept-encoding': 'gzip' });
    const part = await request(t, ASSET, { 'accept-encoding': 'gzip', range: 'bytes=-5' });
    expect(part.status).toBe(206);
    expect(part.headers['content-encoding']).toBe('gzip');
    expect(part.body).toEqual(whole.body.subarray(whole.body.length - 5));
    const beyond = await request(t, ASSET, { range: 'bytes=999999-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${Buffer.byteLength(JS)}`);
    const several = await request(t, ASSET, { range: 'bytes=0-1,5-6' });
    expect(several.status).toBe(200);
    const stale = await request(t, ASSET, { range: 'bytes=0-9', 'if-range': '"old"' });
    expect(stale.status).toBe(200);
    expect(stale.body.toString()).toBe(JS);
    const fresh = await request(t, ASSET, { range: 'bytes=0-9', 'if-range': plain.headers.etag ?? '' });
    expect(fresh.status).toBe(206);
  });

  it('logs nothing when a browser goes away in the middle of a file', async () => {
    const big = makeTempDir('slt-static-big-');
    fs.writeFileSync(path.join(big, 'index.html'), HTML);
    fs.writeFileSync(path.join(big, 'big.js'), Buffer.alloc(8 * 1024 * 1024, 'x'));
    const errors: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        errors.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      }
    });
    const r = await relayFor({ logger: createLogger('error', sink), config: { staticDir: big } });
    // The first bytes arrive, then the browser cancels (a navigation): the socket closes mid-file.
    let closed = false;
    await new Promise<void>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: r.relay.port, path: '/big.js' }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.on('close', () => (closed = true));
      setTimeout(() => reject(new Error('no bytes arrived')), 5000);
    });
    await vi.waitFor(() => expect(closed).toBe(true));
    // The relay still serves, and logged no error for the cancelled file.
    expect((await request(r, '/index.html')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(errors).toEqual([]);
    fs.rmSync(big, { recursive: true, force: true });
  });

  it('falls back to the plain file when the build made no copies', async () => {
    const bareDir = writeApp(false);
    defer(() => fs.rmSync(bareDir, { recursive: true, force: true }));
    const bare = await relayFor({ config: { staticDir: bareDir } });
    const res = await request(bare, ASSET, { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.body.toString()).toBe(JS);
  });
});

describe('Accept-Encoding and Range parsing', () => {
  it('reads q-values and picks the first acceptable variant', () => {
    expect(acceptedEncodings('gzip;q=0.8, br ; q=1.0, identity;q=0')).toEqual(
      new Map([
        ['gzip', 0.8],
        ['br', 1],
        ['identity', 0]
      ])
    );
    expect(chooseEncoding(undefined, ['br', 'gzip'])).toBe('identity');
    expect(chooseEncoding('gzip', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('br', ['gzip'])).toBe('identity');
    expect(chooseEncoding('BR', ['br'])).toBe('br');
  });

  it('parses one range and leaves what it cannot honour to a full answer', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-0', 100)).toEqual({ kind: 'partial', start: 0, end: 0 });
    expect(parseRange('bytes=90-200', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-200', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=5-2', 100)).toEqual({ kind: 'full' });
    expect(parseRange('items=0-1', 100)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=x-y', 100)).toEqual({ kind: 'full' });
  });
});

// The service worker's precache holds exactly the built files although the relay serves them brotli- or
// gzip-compressed: every cached response's bytes equal the file in build/ (SHA-256), no compressed copy
// (.br/.gz) is precached, and the app's scripts and styles really travelled compressed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_DIR, useWorld, type Device, type World } from './harness';

let world: World;
let phone: Device;

useWorld(async (started) => {
  world = started;
  phone = await world.newDevice('phone', 'precache');
});

describe('the precache with compressed serving', () => {
  it('stores every app file byte for byte as built', async () => {
    const encodings = new Map<string, string>();
    phone.page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/_app/')) {
        void response
          .allHeaders()
          .then((h) => encodings.set(url.pathname, h['content-encoding'] ?? 'identity'));
      }
    });
    await phone.page.goto(world.baseUrl);
    const state = await phone.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const worker = registration.active;
      if (worker && worker.state !== 'activated') {
        await new Promise<void>((resolve) =>
          worker.addEventListener('statechange', () => worker.state === 'activated' && resolve())
        );
      }
      return registration.active?.state ?? 'none';
    });
    expect(state).toBe('activated');

    const cached = await phone.page.evaluate(async () => {
      const out: { url: string; sha256: string; bytes: number }[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          const response = await cache.match(request);
          const body = new Uint8Array(await response!.arrayBuffer());
          const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
          out.push({
            url: request.url,
            sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''),
            bytes: body.length
          });
        }
      }
      return out;
    });
    expect(cached.length).toBeGreaterThan(20);
    for (const entry of cached) {
      const pathname = decodeURIComponent(new URL(entry.url).pathname);
      expect(pathname, 'a compressed copy was precached').not.toMatch(/\.(br|gz)$/);
      const file = fs.readFileSync(path.join(BUILD_DIR, pathname === '/' ? 'index.html' : pathname));
      expect({ url: pathname, bytes: entry.bytes, sha256: entry.sha256 }).toEqual({
        url: pathname,
        bytes: file.length,
        sha256: createHash('sha256').update(file).digest('hex')
      });
    }
    const scripts = [...encodings].filter(([p]) => p.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(5);
    for (const [p, encoding] of scripts) expect(encoding, p).toBe('br');
  });
});

import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A static single-page app: every route renders in the browser, so it works with no server round trip.
    // precompress: a .br and a .gz copy beside every text file, which the relay sends to browsers that accept them.
    adapter: adapter({ fallback: 'index.html', strict: false, precompress: true }),
    serviceWorker: { register: false },
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        // The Landkarte's optional online map: OpenStreetMap tiles, images only, when a person switches them on.
        'img-src': ['self', 'data:', 'blob:', 'https://tile.openstreetmap.org'],
        'connect-src': ['self', 'ws:', 'wss:'],
        'worker-src': ['self'],
        'manifest-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self']
      }
    }
  }
};

export default config;

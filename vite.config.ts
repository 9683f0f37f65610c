import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';

// The service worker precaches the whole app shell (JS, CSS, icons, the SPA fallback page) so that a
// phone that loaded the app once opens it with no network at all. Updates are offered ("prompt"), never
// forced while someone works.
export default defineConfig({
  plugins: [
    // Messages (messages/*.json) compiled into typed functions; see project.inlang/README.md.
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      strategy: ['globalVariable', 'baseLocale']
    }),
    sveltekit(),
    SvelteKitPWA({
      // Absolute, so a phone that first arrives on /join/<room> registers /sw.js for the whole app.
      base: '/',
      scope: '/',
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      kit: { adapterFallback: 'index.html', spa: true },
      manifest: {
        name: 'Stadt Land Tisch',
        short_name: 'Stadt Land Tisch',
        description: 'Mitmach-Konferenzen: Thementische, Ideen und Pläne – auch ohne Internet.',
        lang: 'de',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f6f4ee',
        theme_color: '#1f5f3f',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
        ]
      },
      workbox: {
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff,woff2,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/sync\//, /^\/api\//, /^\/healthz/, /^\/readyz/, /^\/metrics/],
        cleanupOutdatedCaches: true
      }
    })
  ],
  resolve: {
    alias: [
      // Dexie's package entry wraps its ES5 UMD bundle (for CommonJS users); the same release's ES2018 module
      // build is smaller and quicker to evaluate on a phone (the app only imports it as a module: one copy).
      { find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }
    ]
  },
  build: {
    // SOURCEMAP=1 for attributing the bundle's bytes to modules (bench/client/attribute.ts); never shipped.
    sourcemap: process.env.SOURCEMAP === '1',
    rolldownOptions: {
      treeshake: {
        // The schema, model and message modules only declare (no top-level calls): a page gets the ones it
        // uses, not every module their barrels (lib/doc/index.ts, lib/model/index.ts, the messages' index)
        // list. Without this the bundler put all of lib/doc (votes, clusters, harvest, plans …) and every
        // message any page uses into chunks the first screen loads.
        moduleSideEffects: [
          { test: /\/src\/lib\/(doc|model)\/[^/]+\.ts$/, sideEffects: false },
          { test: /\/src\/lib\/paraglide\/messages\//, sideEffects: false }
        ]
      }
    }
  },
  server: { port: 5173 }
});

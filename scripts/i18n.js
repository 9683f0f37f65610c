// Compiles the message catalogue (messages/*.json) into src/lib/paraglide/ when it is missing or older than
// its sources; `npm run check` and `npm run lint` call it (the Vite plugin compiles during dev, build and
// vitest). Compiling takes seconds (the inlang SDK loads a SQLite engine), so an up-to-date output is kept.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const mtime = (path) => {
  try {
    return statSync(`${root}${path}`).mtimeMs;
  } catch {
    return 0;
  }
};
const sources = [
  'project.inlang/settings.json',
  'package-lock.json',
  ...readdirSync(`${root}messages`).map((f) => `messages/${f}`)
];
// Paraglide leaves unchanged files alone (their times say nothing) and cleans its output folder, so the
// time of the last compile is kept beside node_modules' other caches.
const stamp = 'node_modules/.cache/slt-i18n-compiled';
const compiled = mtime('src/lib/paraglide/messages.js') ? mtime(stamp) : 0;
if (!compiled || sources.some((s) => mtime(s) > compiled)) {
  execFileSync(
    'npx',
    [
      'paraglide-js',
      'compile',
      '--silent',
      '--project',
      './project.inlang',
      '--outdir',
      './src/lib/paraglide',
      '--strategy',
      'globalVariable',
      'baseLocale'
    ],
    { cwd: root, stdio: 'inherit' }
  );
  mkdirSync(`${root}node_modules/.cache`, { recursive: true });
  writeFileSync(`${root}${stamp}`, new Date().toISOString());
}

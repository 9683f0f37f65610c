// Writes messages/de-CH.json from messages/de.json: Swiss Standard German writes "ss" for "ß". Only the
// messages that contain ß are written; Paraglide falls back to `de` for the rest. `--check` exits 1 when the
// file on disk differs (the unit tests run it), so a German message changed without regenerating is caught.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dePath = `${root}messages/de.json`;
const chPath = `${root}messages/de-CH.json`;

const swiss = (value) =>
  typeof value === 'string'
    ? value.replaceAll('ß', 'ss').replaceAll('ẞ', 'SS')
    : Array.isArray(value)
      ? value.map(swiss)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swiss(v)]))
        : value;

export function deChMessages(de) {
  const out = { $schema: de.$schema };
  for (const [key, value] of Object.entries(de)) {
    if (key === '$schema') continue;
    if (JSON.stringify(value).includes('ß') || JSON.stringify(value).includes('ẞ')) out[key] = swiss(value);
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = deChMessages(JSON.parse(readFileSync(dePath, 'utf8')));
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(chPath, 'utf8');
    } catch {
      // missing counts as out of date
    }
    if (current !== wanted) {
      console.error('messages/de-CH.json is out of date: run `node scripts/i18n-de-ch.js`');
      process.exit(1);
    }
  } else {
    writeFileSync(chPath, wanted);
  }
}

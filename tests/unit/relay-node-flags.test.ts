// `npm start` and `npm run relay` spell out the relay's node flags; tests and the bench take them from
// RELAY_NODE_FLAGS. This keeps the two the same, so what is measured and tested is what runs.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RELAY_NODE_FLAGS } from '../../scripts/build-relay.js';

const scripts = (
  JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

describe('relay node flags', () => {
  it.each(['start', 'relay'])('npm run %s starts the bundle with RELAY_NODE_FLAGS', (name) => {
    const command = scripts[name] ?? '';
    expect(command).toContain(`node ${RELAY_NODE_FLAGS.join(' ')} sync-server/dist/main.js`);
  });

  it('are flags this node accepts', () => {
    const run = spawnSync(process.execPath, [...RELAY_NODE_FLAGS, '-e', '0'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

// The room CLI as a child process against a temp DATA_DIR: `create` prints exactly one JSON object whose
// participant token then opens the room on a relay using the same DATA_DIR; `list` and `revoke` work too.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { embeddedEnv } from '../helpers/relay-child';
import { connectClient, makeTempDir, readStoredDoc, startTestRelay, upgradeStatus } from '../helpers/relay';
import { useCleanups } from '../helpers/cleanups';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const defer = useCleanups();

async function cli(
  dataDir: string,
  args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'sync-server/src/cli.ts', ...args],
      { cwd: ROOT, env: { ...embeddedEnv(), DATA_DIR: dataDir, PUBLIC_URL: 'https://tisch.example.org/' } }
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('room CLI', () => {
  it('creates a room as one JSON object whose participant token opens the room', async () => {
    const dataDir = makeTempDir();
    defer(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const created = await cli(dataDir, [
      'create',
      '--title',
      'Mitmach-Konferenz Altmark',
      '--expires-days',
      '3'
    ]);
    expect(created.code, created.stderr).toBe(0);
    const out = JSON.parse(created.stdout) as {
      roomId: string;
      title: string;
      tokens: Record<'facilitator' | 'participant' | 'viewer', string>;
      links: Record<'facilitator' | 'participant' | 'viewer', string>;
    };
    expect(Object.keys(out).sort()).toEqual(['links', 'roomId', 'title', 'tokens']);
    expect(out.roomId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(out.title).toBe('Mitmach-Konferenz Altmark');
    expect(out.tokens.facilitator).toMatch(/^f_[A-Za-z0-9_-]{24,}$/);
    expect(out.tokens.participant).toMatch(/^p_[A-Za-z0-9_-]{24,}$/);
    expect(out.tokens.viewer).toMatch(/^v_[A-Za-z0-9_-]{24,}$/);
    expect(out.links.participant).toBe(
      `https://tisch.example.org/join/${out.roomId}#${out.tokens.participant}`
    );

    const t = await startTestRelay({ dataDir });
    defer(() => t.close());
    const client = connectClient(t.wsUrl, out.roomId, out.tokens.participant, { ack: true });
    defer(() => client.destroy());
    await client.whenSynced();
    client.doc.getMap('ideas').set('first', 'Dorfladen');
    await client.whenSaved();
    expect(readStoredDoc(dataDir, out.roomId).getMap('ideas').get('first')).toBe('Dorfladen');

    // Against the same DATA_DIR while the relay runs: list, then revoke the viewer link.
    const listed = await cli(dataDir, ['list']);
    const rooms = JSON.parse(listed.stdout) as Array<{ roomId: string; links: Array<{ state: string }> }>;
    const mine = rooms.find((r) => r.roomId === out.roomId);
    expect(mine?.links.map((l) => l.state)).toEqual(['active', 'active', 'active']);
    expect(listed.stdout).not.toContain(out.tokens.viewer);
    const revoked = await cli(dataDir, ['revoke', '--room', out.roomId, '--role', 'viewer']);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ roomId: out.roomId, revoked: 1 });
    expect(await upgradeStatus(`${t.wsUrl}/${out.roomId}?token=${out.tokens.viewer}`)).toBe(403);
    expect(await upgradeStatus(`${t.wsUrl}/${out.roomId}?token=${out.tokens.participant}`)).toBe(101);
  });

  it('explains wrong usage on stderr and prints nothing on stdout', async () => {
    const dataDir = makeTempDir();
    defer(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const usages = [['create'], ['create', '--title', 'x', '--expires-days', 'never'], ['explode']];
    const results = await Promise.all(usages.map((args) => cli(dataDir, args)));
    results.forEach((result, i) => {
      expect(result.code, usages[i]?.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/Usage|--/);
    });
  });
});

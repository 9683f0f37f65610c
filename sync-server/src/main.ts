// Entry point (`npm start`, `npm run relay`): loads the config from the environment, optionally builds
// the app when STATIC_DIR/index.html is missing (--build-if-missing), starts the relay, prints the local
// and LAN addresses, and on SIGTERM/SIGINT writes everything and closes sockets with 1012 before exiting.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type RelayConfig } from './config';
import { lanAddresses } from './lan';
import { assertSharedSecret } from './token-secret';
import { createLogger } from './log';
import { createRelay } from './relay';

/** Runs `npx vite build` (which writes ./build) when STATIC_DIR/index.html is missing. */
function buildIfMissing(config: RelayConfig): void {
  const index = path.join(config.staticDir, 'index.html');
  if (fs.existsSync(index)) return;
  process.stderr.write(`${index} fehlt, baue die App / missing, building the app …\n`);
  const result = spawnSync('npx', ['vite', 'build'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0 || !fs.existsSync(index)) {
    const hint = result.status === 0 ? ` (vite writes ./build; STATIC_DIR is ${config.staticDir})` : '';
    process.stderr.write(`Bauen fehlgeschlagen / build failed${hint}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  let config: RelayConfig;
  try {
    config = loadConfig();
    assertSharedSecret(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (process.argv.includes('--build-if-missing')) buildIfMissing(config);

  const log = createLogger(config.logLevel);
  const relay = await createRelay(config, { logger: log, defaultMetrics: true });
  const wildcard = config.host === '0.0.0.0' || config.host === '::';
  const lines = [`Stadt Land Tisch läuft / is running`, `  Lokal / local:  http://localhost:${relay.port}`];
  if (wildcard) for (const ip of lanAddresses()) lines.push(`  Netzwerk / LAN: http://${ip}:${relay.port}`);
  if (config.publicUrl) lines.push(`  Öffentlich / public: ${config.publicUrl}`);
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      }
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Relay konnte nicht starten / relay failed to start: ${message}\n`);
  process.exit(1);
});

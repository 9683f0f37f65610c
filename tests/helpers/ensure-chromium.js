// Makes sure Debian's Chromium is there for the end-to-end tests: browser downloads fail on this kind of
// machine, so the tests drive /usr/bin/chromium. As root it installs the package; otherwise it says how.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0) {
    console.log('Chromium fehlt – installiere Debians Paket "chromium" …');
    execSync('apt-get update && apt-get install -y --no-install-recommends chromium', { stdio: 'inherit' });
  } else {
    console.error(
      `Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get install -y --no-install-recommends chromium` +
        ' (or set CHROMIUM_PATH).'
    );
    process.exit(1);
  }
}

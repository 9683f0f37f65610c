// The addresses under which other devices can reach this relay: PUBLIC_URL first when set, then, when the
// relay listens on every interface, one http://<ip>:<port> per external IPv4 address of this machine (or
// the one address it is bound to). Used by the start banner (main.ts), the CLI's join links and
// GET /api/info, so a facilitator who opened the app on localhost hands out links phones can open.

import os from 'node:os';

export type Interfaces = ReturnType<typeof os.networkInterfaces>;

/** External IPv4 addresses of this machine, in interface order, without duplicates. */
export function lanAddresses(interfaces: Interfaces = os.networkInterfaces()): string[] {
  const found = Object.values(interfaces)
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
  return [...new Set(found)];
}

const LOOPBACK = /^(localhost|127\.|::1$|\[::1\]$)/;

/** True for the relay's wildcard bind addresses. */
export function listensEverywhere(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/**
 * `PUBLIC_URL` (if set) followed by the LAN URLs of a relay bound to `host` on `port`. A relay bound to a
 * loopback address is reachable from nowhere else, so it names only PUBLIC_URL.
 */
export function reachableUrls(
  config: { publicUrl: string | null; host: string },
  port: number,
  interfaces?: Interfaces
): string[] {
  const urls: string[] = config.publicUrl ? [config.publicUrl] : [];
  const hosts = listensEverywhere(config.host)
    ? lanAddresses(interfaces)
    : LOOPBACK.test(config.host)
      ? []
      : [config.host];
  for (const host of hosts) {
    const url = `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
    if (!urls.includes(url)) urls.push(url);
  }
  return urls;
}

// Which address join links carry. A laptop that opened the app on `localhost` would hand out links that
// no phone can open; the relay names the addresses others can reach (GET /api/info: PUBLIC_URL, then its
// LAN URLs), and links are built on one of them. Plain functions, no I/O.

export type ShareVia = 'page' | 'lan' | 'localhost';

export interface ShareOriginChoice {
  /** The origin join links and QR codes use. */
  origin: string;
  /** Addresses to pick from (the relay's list); empty unless the page is on localhost. */
  options: readonly string[];
  /** 'page': the page's own address; 'lan': a reachable address instead of localhost; 'localhost': none known. */
  via: ShareVia;
}

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** True when the page's origin is this machine only (`localhost`, `127.x.x.x`, `[::1]`). */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    return LOOPBACK_HOST.test(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/** The relay's answer, distrusted: http(s) URLs without query or fragment, no trailing slash, each once. */
export function cleanLanUrls(input: unknown): string[] {
  const list = Array.isArray(input) ? input : [];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string' || item.length > 200) continue;
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      continue;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) continue;
    if (url.username || url.password) continue;
    const clean = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
    if (!isLoopbackOrigin(clean) && !out.includes(clean)) out.push(clean);
  }
  return out;
}

/**
 * The page's own origin unless it is loopback; then the chosen address when the relay still names it,
 * else the first the relay names; with none known, the page's own origin (and the UI warns).
 */
export function chooseShareOrigin(
  pageOrigin: string,
  lanUrls: readonly string[],
  chosen: string | null = null
): ShareOriginChoice {
  if (!isLoopbackOrigin(pageOrigin)) return { origin: pageOrigin, options: [], via: 'page' };
  const first = lanUrls[0];
  if (first === undefined) return { origin: pageOrigin, options: [], via: 'localhost' };
  const origin = chosen !== null && lanUrls.includes(chosen) ? chosen : first;
  return { origin, options: lanUrls, via: 'lan' };
}

/** The same link (path and fragment kept) on another origin. */
export function rebaseLink(link: string, origin: string): string {
  const url = new URL(link);
  return `${origin.replace(/\/+$/, '')}${url.pathname}${url.hash}`;
}

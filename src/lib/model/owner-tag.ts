// The owner tag: what a device writes on the entries it creates (ideas, initiatives) so that its app can
// offer that person to edit or withdraw them. It only decides what the UI offers; the relay enforces
// ownership by Yjs client ids (sync-server/src/guard.ts).
import { digest } from 'lib0/hash/sha256';
import { base64url } from './random';

/** base64url(sha256("owner:" participantKey))[0..16]: stable per device and conference, unlinkable to the key. */
export function ownerTagFor(participantKey: string): string {
  return base64url(digest(new TextEncoder().encode(`owner:${participantKey}`))).slice(0, 16);
}

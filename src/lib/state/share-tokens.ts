// The share tokens of a facilitator device, kept in step with the facilitators' document: that document is
// the truth every facilitator device shares. The device that created the conference puts its tokens there
// once the relay's copy arrived (only roles still missing there); every device takes what arrives or
// changes there into its record (so the QR code shows offline too); a link renewed or revoked here is
// written there (setShareToken on the session).
import type * as Y from 'yjs';
import { LOCAL_ORIGIN, observeShareTokens, readShareTokens, writeShareToken, type LinkRole } from '../doc';
import type { ConferenceRecord } from '../persistence/db';

export type ShareTokens = NonNullable<ConferenceRecord['shareTokens']>;

/** `tokens` with `role` set to `token`, or without it for null. */
export function withShareToken(tokens: ShareTokens | undefined, role: LinkRole, token: string | null) {
  const next = { ...tokens };
  if (token === null) delete next[role];
  else next[role] = token;
  return next;
}

export interface ShareTokenHost {
  facilitators: Y.Doc;
  whenSynced: Promise<unknown>;
  /** The record's tokens now. */
  current(): ShareTokens | undefined;
  save(tokens: ShareTokens): void;
  isDestroyed(): boolean;
}

/** Starts keeping the record and the facilitators' document in step; returns the stop function. */
export function syncShareTokens(host: ShareTokenHost): () => void {
  const { facilitators } = host;
  void host.whenSynced.then(() => {
    if (host.isDestroyed()) return;
    const there = readShareTokens(facilitators);
    for (const role of ['participant', 'viewer'] as const) {
      const own = host.current()?.[role];
      if (own && !there[role]) writeShareToken(facilitators, role, own, LOCAL_ORIGIN);
    }
  });
  const adopt = (role: LinkRole, token: string | null): void => {
    if ((host.current()?.[role] ?? null) === token) return;
    host.save(withShareToken(host.current(), role, token));
  };
  const stop = observeShareTokens(facilitators, adopt);
  // What this device's copy holds already (it never removes a token the record has).
  for (const [role, token] of Object.entries(readShareTokens(facilitators)) as [LinkRole, string][]) {
    adopt(role, token);
  }
  return stop;
}

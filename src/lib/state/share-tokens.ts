// The share tokens of a facilitator device, kept in step with the facilitators' document: that document is
// the truth every facilitator device shares. The device that created the conference puts its tokens there
// once the relay's copy arrived (only roles still missing there); every device takes what arrives or
// changes there into its record (so the QR code shows offline too); a link renewed or revoked here is
// written there (setShareToken in links.svelte.ts). The session starts this when a facilitator opens it.
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

/** What this needs of the open conference (ConferenceSession). */
export interface ShareTokenHost {
  facilitatorsDoc: Y.Doc | null;
  connection: { whenFacilitatorsSynced(): Promise<unknown> };
  /** The device record: its tokens now. */
  record: { shareTokens?: ShareTokens };
  saveShareTokens(tokens: ShareTokens): Promise<void>;
}

/** Starts keeping the record and the facilitators' document in step; returns the stop function. */
export function syncShareTokens(host: ShareTokenHost): () => void {
  const facilitators = host.facilitatorsDoc;
  if (!facilitators) return () => undefined;
  let stopped = false;
  const current = () => host.record.shareTokens;
  void host.connection.whenFacilitatorsSynced().then(() => {
    if (stopped) return;
    const there = readShareTokens(facilitators);
    for (const role of ['participant', 'viewer'] as const) {
      const own = current()?.[role];
      if (own && !there[role]) writeShareToken(facilitators, role, own, LOCAL_ORIGIN);
    }
  });
  const adopt = (role: LinkRole, token: string | null): void => {
    if ((current()?.[role] ?? null) === token) return;
    void host.saveShareTokens(withShareToken(current(), role, token));
  };
  const stop = observeShareTokens(facilitators, adopt);
  // What this device's copy holds already (it never removes a token the record has).
  for (const [role, token] of Object.entries(readShareTokens(facilitators)) as [LinkRole, string][]) {
    adopt(role, token);
  }
  return () => {
    stopped = true;
    stop();
  };
}

// Words for the app's stable codes (roles, connection states, refusals, …), one table per code type, so a
// screen never builds a message key from a code at run time and a new code fails type-checking until it
// has words. Codes come from the layers below; only their types are imported.
import type { CooperationKind, InitiativeStatus, Role, SupportKind } from '../model';
import type { CsvColumn } from '../model/initiative-csv';
import type { JoinResolveError } from '../model/link';
import type { LocalSaveError, LocalSaveState } from '../persistence/doc-store';
import type { ConnectionStatus, RegistrationState } from '../sync/connection.svelte';
import type { Refusal } from '../sync/relay-api';
import { m, type Locale } from './index.svelte';

type Words<K extends string> = Record<K, () => string>;

const ROLE: Words<Role> = {
  facilitator: () => m.role_facilitator(),
  participant: () => m.role_participant(),
  viewer: () => m.role_viewer()
};
const YOU_ARE: Words<Role> = {
  facilitator: () => m.you_facilitator(),
  participant: () => m.you_participant(),
  viewer: () => m.you_viewer()
};
const CONNECTION: Words<ConnectionStatus> = {
  offline: () => m.status_offline(),
  connecting: () => m.status_connecting(),
  synced: () => m.status_synced(),
  saved: () => m.status_saved()
};
const LOCAL: Words<Exclude<LocalSaveState, 'error'>> = {
  loading: () => m.local_loading(),
  saving: () => m.local_saving(),
  saved: () => m.local_saved()
};
const LOCAL_ERROR: Words<LocalSaveError> = {
  quota: () => m.local_error_quota(),
  unavailable: () => m.local_error_unavailable(),
  'write-failed': () => m.local_error_write_failed()
};
const REGISTRATION: Words<Exclude<RegistrationState, 'done'>> = {
  pending: () => m.registration_pending(),
  taken: () => m.registration_taken(),
  forbidden: () => m.registration_forbidden()
};
const REFUSAL: Words<Refusal> = {
  'unknown-room': () => m.refusal_unknown_room(),
  'no-token': () => m.refusal_no_token(),
  'bad-token': () => m.refusal_bad_token(),
  expired: () => m.refusal_expired(),
  revoked: () => m.refusal_revoked(),
  deleted: () => m.delete_refusal()
};
const JOIN_ERROR: Words<JoinResolveError> = {
  unknownToken: () => m.join_error_unknownToken(),
  expired: () => m.refusal_expired(),
  revoked: () => m.refusal_revoked(),
  unreachable: () => m.join_error_unreachable(),
  unknownCode: () => m.joincode_error_unknown(),
  tooMany: () => m.joincode_error_tooMany(),
  empty: () => m.join_error_empty(),
  noToken: () => m.join_error_noToken(),
  badRoomId: () => m.join_error_badRoomId(),
  badToken: () => m.join_error_badToken()
};
const LANGUAGE: Words<Locale> = { de: () => m.lang_de(), en: () => m.lang_en() };

export const roleLabel = (role: Role): string => ROLE[role]();
export const youAre = (role: Role): string => YOU_ARE[role]();
export const connectionText = (status: ConnectionStatus): string => CONNECTION[status]();
export const localSaveText = (state: Exclude<LocalSaveState, 'error'>): string => LOCAL[state]();
export const localErrorText = (error: LocalSaveError): string => LOCAL_ERROR[error]();
export const registrationText = (state: Exclude<RegistrationState, 'done'>): string => REGISTRATION[state]();
export const refusalText = (refusal: Refusal): string => REFUSAL[refusal]();
/** An unknown code (a newer app's) reads as the generic "not a link". */
export const joinErrorText = (error: string): string =>
  (JOIN_ERROR[error as JoinResolveError] ?? JOIN_ERROR.badRoomId)();
export const languageName = (locale: Locale): string => LANGUAGE[locale]();

// ——— Landkarte ———
const STATUS: Words<InitiativeStatus> = {
  exists: () => m.landkarte_status_exists(),
  needed: () => m.landkarte_status_needed(),
  planned: () => m.landkarte_status_planned()
};
const COOPERATION: Words<CooperationKind> = {
  active: () => m.landkarte_coop_active(),
  possible: () => m.landkarte_coop_possible()
};
const SUPPORT: Words<SupportKind> = {
  join: () => m.landkarte_support_join(),
  help: () => m.landkarte_support_help(),
  contact: () => m.landkarte_support_contact()
};
const CSV_COLUMN: Words<CsvColumn> = {
  name: () => m.landkarte_name(),
  status: () => m.landkarte_statusLabel(),
  fields: () => m.landkarte_fields(),
  description: () => m.landkarte_description(),
  place: () => m.landkarte_place(),
  lat: () => m.landkarte_lat(),
  lon: () => m.landkarte_lon(),
  needs: () => m.landkarte_needs(),
  offers: () => m.landkarte_offers(),
  support: () => m.landkarte_supportText(),
  website: () => m.landkarte_website()
};
export const statusLabel = (s: InitiativeStatus): string => STATUS[s]();
export const cooperationLabel = (k: CooperationKind): string => COOPERATION[k]();
export const supportLabel = (k: SupportKind): string => SUPPORT[k]();
export const csvColumnLabel = (c: CsvColumn): string => CSV_COLUMN[c]();

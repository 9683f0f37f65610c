// The domain's plain data types: what reads return and what the UI renders. Order keys are
// fractional-indexing strings compared by code unit (`<`), ties broken by id.

import type { FieldId, IdeaId, TableId } from './ids';

export type Role = 'facilitator' | 'participant' | 'viewer';
export const ROLES: readonly Role[] = ['facilitator', 'participant', 'viewer'];

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

export interface ConferenceInfo {
  title: string;
  region: string;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  venue: string;
}

/** A Handlungsfeld. `crossCutting` marks a field that spans the others (Sozialer Zusammenhalt). */
export interface Field {
  id: FieldId;
  name: string;
  crossCutting: boolean;
  order: string;
}

/** A Thementisch. `fieldId` is null when the table belongs to no (or a since removed) field. */
export interface Table {
  id: TableId;
  title: string;
  question: string;
  host: string;
  fieldId: FieldId | null;
  order: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export interface Idea {
  id: IdeaId;
  tableId: TableId;
  text: string;
  author: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** The adding device's owner tag ('' for ideas from before tags or from a device without one). */
  ownerTag?: string;
}

export interface DefaultField {
  name: string;
  crossCutting: boolean;
}

/** The current Handlungsfelder of the Mitmach-Regionen Initiative; data, not code: editable per conference. */
export const DEFAULT_FIELDS: readonly DefaultField[] = Object.freeze([
  { name: 'Landwirtschaft & Ernährung', crossCutting: false },
  { name: 'Energie', crossCutting: false },
  { name: 'Bauen & Wohnen', crossCutting: false },
  { name: 'Mobilität', crossCutting: false },
  { name: 'Wirtschaft', crossCutting: false },
  { name: 'Sozialer Zusammenhalt', crossCutting: true }
]);

export const EMPTY_CONFERENCE_INFO: Readonly<ConferenceInfo> = Object.freeze({
  title: '',
  region: '',
  startDate: null,
  endDate: null,
  venue: ''
});

// Branded ids for the domain. Ids are random base64url strings (16 bytes → 22 chars for entities,
// 12 bytes → 16 chars for rooms), so they are valid Y.Map keys, URL segments and room ids alike.

import { randomBase64url } from './random';

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type RoomId = Brand<string, 'RoomId'>;
export type FieldId = Brand<string, 'FieldId'>;
export type TableId = Brand<string, 'TableId'>;
export type IdeaId = Brand<string, 'IdeaId'>;
export type ItemId = Brand<string, 'ItemId'>;

/** Room ids as the relay accepts them (ARCHITECTURE.md). */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** Entity ids we accept from remote data: any short, printable, url-safe key. */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isRoomId(value: unknown): value is RoomId {
  return typeof value === 'string' && ROOM_ID_PATTERN.test(value);
}

export function isEntityId(value: unknown): value is string {
  return typeof value === 'string' && ENTITY_ID_PATTERN.test(value);
}

export const newRoomId = (): RoomId => randomBase64url(12) as RoomId;
export const newFieldId = (): FieldId => randomBase64url(16) as FieldId;
export const newTableId = (): TableId => randomBase64url(16) as TableId;
export const newIdeaId = (): IdeaId => randomBase64url(16) as IdeaId;
export const newItemId = (): ItemId => randomBase64url(16) as ItemId;

export type InitiativeId = Brand<string, 'InitiativeId'>;
export type CooperationId = Brand<string, 'CooperationId'>;
export type SupporterId = Brand<string, 'SupporterId'>;

export const newInitiativeId = (): InitiativeId => randomBase64url(16) as InitiativeId;
export const newCooperationId = (): CooperationId => randomBase64url(16) as CooperationId;
export const newSupporterId = (): SupporterId => randomBase64url(16) as SupporterId;

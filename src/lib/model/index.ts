// The plain-TypeScript domain: ids, types, default Handlungsfelder, text rules, results, tokens and links.

export * from './ids';
export * from './types';
export * from './text';
export * from './result';
export * from './link';
export { randomBase64url, base64url } from './random';
export {
  POLICY_MAP,
  POLICY_KEYS,
  REFUSAL_REASONS,
  isSealedScope,
  sealedKey,
  scopeOfKey,
  type RoomPolicy
} from './policy';
export { mergeDraftText } from './draft';
export * from './share-origin';
export * from './programme';
export * from './pool';
export * from './initiative';
export * from './region-outline';
export * from './board';
export * from './round';
export * from './timer';
export * from './presence';
export * from './plan';
export * from './report';
export * from './plan-diff';

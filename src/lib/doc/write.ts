// Small write helpers shared by the commands: write only what changed (so a no-op edit produces no update
// and concurrent edits of other properties stay untouched) and create nested entity maps.

import * as Y from 'yjs';
import { asEntity, META, ROOT, rootMap, SCHEMA_VERSION, type YEntity } from './schema';

export function setIfChanged(m: Y.Map<unknown>, key: string, value: unknown): void {
  if (m.get(key) !== value) m.set(key, value);
}

/** Creates `root[id]` as a nested map holding `props`; must run inside a transaction. */
export function createEntity(root: Y.Map<unknown>, id: string, props: Record<string, unknown>): YEntity {
  const entity = new Y.Map<unknown>();
  root.set(id, entity);
  for (const [key, value] of Object.entries(props)) entity.set(key, value);
  return entity;
}

export function entityIn(doc: Y.Doc, root: string, id: string): YEntity | null {
  return asEntity(rootMap(doc, root)?.get(id));
}

/** Writes the schema version once; concurrent writes of the same number are harmless. */
export function stampVersion(doc: Y.Doc): void {
  const meta = rootMap(doc, ROOT.meta);
  if (meta && meta.get(META.schemaVersion) === undefined) meta.set(META.schemaVersion, SCHEMA_VERSION);
}

/** The root map for writing; commands only run on docs from createConferenceDocs, where it always exists. */
export function writableRoot(doc: Y.Doc, name: string): Y.Map<unknown> {
  const map = rootMap(doc, name);
  if (!map) throw new Error(`root "${name}" of doc ${doc.guid} is not a Y.Map`);
  return map;
}

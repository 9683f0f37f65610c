// The region's own outline for the Landkarte's map (control doc, root `regionOutline`): a facilitator's
// decision, one value for the conference. Stored as the compact string of model/region-outline.ts (a
// MultiPolygon's coordinates, 4 decimals, simplified), so a malformed remote value is read as "none".

import * as Y from 'yjs';
import { decodeOutline, encodeOutline, ok, type OutlineCoords, type Result } from '../model';
import { OUTLINE_LIMITS } from '../model/region-outline';
import type { DocOrigin } from './origin';
import { ROOT, rootMap } from './schema';

export const REGION_OUTLINE = Object.freeze({ coords: 'coords', name: 'name', at: 'at' });

export interface RegionOutline {
  coords: OutlineCoords;
  /** What the facilitator called it (the file's name), for the map's legend. */
  name: string;
}

let last: { stored: unknown; name: string; value: RegionOutline | null } | null = null;

export function readRegionOutline(control: Y.Doc): RegionOutline | null {
  const map = rootMap(control, ROOT.regionOutline);
  const stored = map?.get(REGION_OUTLINE.coords);
  const rawName = map?.get(REGION_OUTLINE.name);
  const name = typeof rawName === 'string' ? rawName.slice(0, 200) : '';
  if (last && last.stored === stored && last.name === name) return last.value;
  const coords = decodeOutline(stored);
  const value = coords ? { coords, name } : null;
  last = { stored, name, value };
  return value;
}

export function setRegionOutline(
  control: Y.Doc,
  coords: OutlineCoords,
  name: string,
  origin: DocOrigin
): Result<void, 'tooLong' | 'notFound'> {
  const stored = encodeOutline(coords);
  if (stored.length > OUTLINE_LIMITS.stored) return { ok: false, error: 'tooLong' };
  const map = rootMap(control, ROOT.regionOutline);
  if (!map) return { ok: false, error: 'notFound' };
  control.transact(() => {
    map.set(REGION_OUTLINE.coords, stored);
    map.set(REGION_OUTLINE.name, name.trim().slice(0, 200));
    map.set(REGION_OUTLINE.at, Date.now());
  }, origin);
  return ok(undefined);
}

export function clearRegionOutline(control: Y.Doc, origin: DocOrigin): void {
  const map = rootMap(control, ROOT.regionOutline);
  if (!map) return;
  control.transact(() => {
    for (const key of [...map.keys()]) map.delete(key);
  }, origin);
}

// The visible initiatives with coordinates as a GeoJSON FeatureCollection (model/initiative-csv.ts).

import { initiativesToGeoJson } from '../model/initiative-csv';
import type { ConferenceExport } from './snapshot';

export function initiativesGeoJson(data: ConferenceExport): string {
  const visible = data.initiatives.filter((i) => !i.hidden).map((i) => ({ ...i, ownerTag: '' }));
  return `${JSON.stringify(initiativesToGeoJson(visible, data.fields), null, 2)}\n`;
}

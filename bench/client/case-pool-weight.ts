// The Werkzeugkasten and the Aktionspool must not weigh on a participant's phone before it opens a pool or
// card page: the method cards, the shipped actions and the search library (MiniSearch) load only there
// (dynamic import / their own routes). From the last build, this case finds the chunks that hold them (by
// content markers) and reports how many of their bytes the join and conference screens load statically
// (target: at most 80 kB gzip, issue 13; expected 0) and their own gzip size, which the service worker
// precaches in the background for offline use.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../processes';
import type { ClientCase } from './cases';
import type { Row } from './report';
import { routeFiles, sizesOf } from './route-size';

const OUT = path.join(ROOT, '.svelte-kit/output/client');
const kB = (bytes: number): number => bytes / 1000;

/** What marks each part in the built JS. */
const MARKERS: [string, string][] = [
  ['Aktionspool data', 'Bürgerenergie-Genossenschaft'],
  ['method cards', 'Kopfstand-Methode'],
  ['search library', 'MiniSearch: '],
  ['conference templates', 'Rückblick & Plan des Tages']
];

/** Routes a participant's phone opens before it opens a pool or card page. */
const BEFORE = ['/join/[roomId]', '/c/[roomId]', '/c/[roomId]/t/[tableId]', '/c/[roomId]/programme'];

export const poolWeightCase: ClientCase = {
  id: 'pool-weight',
  title: 'Werkzeugkasten and Aktionspool: bytes before a pool or card page opens',
  async run(ctx) {
    const dir = path.join(OUT, '_app/immutable');
    const files: string[] = [];
    for (const sub of ['chunks', 'nodes', 'entry']) {
      for (const name of readdirSync(path.join(dir, sub))) {
        if (name.endsWith('.js')) files.push(`_app/immutable/${sub}/${name}`);
      }
    }
    const parts = new Map<string, string[]>();
    for (const file of files) {
      const text = readFileSync(path.join(OUT, file), 'utf8');
      for (const [part, marker] of MARKERS) {
        if (text.includes(marker)) parts.set(part, [...(parts.get(part) ?? []), file]);
      }
    }
    const heavy = new Set([...parts.values()].flat());
    const routes = routeFiles();
    const before = new Set<string>();
    for (const route of BEFORE) for (const f of routes.get(route) ?? []) before.add(f);
    const leaked = [...before].filter((f) => heavy.has(f));
    const read = (f: string) => readFileSync(path.join(OUT, f));
    const rows: Row[] = [
      {
        metric:
          'cards, pool, search and templates in the JS of the join, conference, table and programme pages, gzip',
        unit: 'kB',
        digits: 1,
        value: kB(sizesOf(leaked.map(read)).gzip),
        target: { text: '≤ 80 kB', max: 80 }
      }
    ];
    for (const [part] of MARKERS) {
      const own = parts.get(part) ?? [];
      rows.push({
        metric: `${part}, loaded on its page and precached, gzip (${own.length} files)`,
        unit: 'kB',
        digits: 1,
        value: kB(sizesOf(own.map(read)).gzip)
      });
    }
    ctx.log(`  ${heavy.size} files hold cards, pool, search or templates; ${leaked.length} load before`);
    return {
      rows,
      notes: [
        `Files by part: ${[...parts].map(([p, f]) => `${p}: ${f.map((x) => path.basename(x)).join(', ')}`).join('; ')}`,
        'From the last vite build (static imports of each route); kB = 1,000 bytes.'
      ]
    };
  }
};

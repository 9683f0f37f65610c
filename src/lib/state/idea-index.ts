// The ideas of a conference held as frozen snapshots, grouped by table and kept in order, patched per
// changed idea instead of read again whole: with 2,000 ideas on a table and 50 arriving a second, reading
// and sorting everything after every arrival kept a phone's main thread busy. Copy-on-write: a table's
// list is a new frozen array after a change (so the UI sees a new value), and every idea that did not
// change keeps its identity (so a keyed list re-renders only what changed). Plain TypeScript; the
// reactive ConferenceView owns one.
import { compareIdeas } from '../doc';
import type { Idea, IdeaId, TableId } from '../model';

const EMPTY: readonly Readonly<Idea>[] = Object.freeze([]);

/** Position where `idea` belongs in `list` (sorted by compareIdeas). */
function insertionPoint(list: readonly Readonly<Idea>[], idea: Idea): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareIdeas(list[mid]!, idea) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const same = (a: Readonly<Idea>, b: Idea): boolean =>
  a.tableId === b.tableId && a.text === b.text && a.author === b.author && a.createdAt === b.createdAt;

export class IdeaIndex {
  readonly #byId = new Map<IdeaId, Readonly<Idea>>();
  readonly #byTable = new Map<TableId, readonly Readonly<Idea>[]>();
  #all: readonly Readonly<Idea>[] | null = null;
  #counts: ReadonlyMap<TableId, number> | null = null;

  /** From every readable idea, sorted by compareIdeas (what readIdeas returns). */
  constructor(sorted: Idea[]) {
    const groups = new Map<TableId, Readonly<Idea>[]>();
    for (const idea of sorted) {
      Object.freeze(idea);
      this.#byId.set(idea.id, idea);
      let group = groups.get(idea.tableId);
      if (!group) groups.set(idea.tableId, (group = []));
      group.push(idea);
    }
    for (const [table, group] of groups) this.#byTable.set(table, Object.freeze(group));
  }

  /** Ideas of one table, oldest first. */
  forTable(tableId: TableId): readonly Readonly<Idea>[] {
    return this.#byTable.get(tableId) ?? EMPTY;
  }

  /** The table of an idea, or undefined for an unknown id. */
  tableOf(id: IdeaId): TableId | undefined {
    return this.#byId.get(id)?.tableId;
  }

  /** Every idea, oldest first (sorted when first asked after a change). */
  get all(): readonly Readonly<Idea>[] {
    return (this.#all ??= Object.freeze([...this.#byId.values()].sort(compareIdeas)));
  }

  /** Number of ideas per table; a table without ideas is absent. */
  get counts(): ReadonlyMap<TableId, number> {
    if (!this.#counts) {
      const counts = new Map<TableId, number>();
      for (const [table, list] of this.#byTable) if (list.length > 0) counts.set(table, list.length);
      this.#counts = counts;
    }
    return this.#counts;
  }

  /**
   * Applies the current state of changed ideas (null: removed or unreadable). Returns whether anything
   * visible changed.
   */
  apply(changes: Iterable<[IdeaId, Idea | null]>): boolean {
    const work = new Map<TableId, Readonly<Idea>[]>();
    const list = (table: TableId): Readonly<Idea>[] => {
      let l = work.get(table);
      if (!l) work.set(table, (l = [...this.forTable(table)]));
      return l;
    };
    for (const [id, next] of changes) {
      const prev = this.#byId.get(id);
      if (prev && next && same(prev, next)) continue;
      if (prev) {
        const l = list(prev.tableId);
        const at = l.indexOf(prev);
        if (at >= 0) l.splice(at, 1);
        this.#byId.delete(id);
      }
      if (next) {
        Object.freeze(next);
        const l = list(next.tableId);
        l.splice(insertionPoint(l, next), 0, next);
        this.#byId.set(id, next);
      }
    }
    if (work.size === 0) return false;
    for (const [table, l] of work) {
      if (l.length === 0) this.#byTable.delete(table);
      else this.#byTable.set(table, Object.freeze(l));
    }
    this.#all = null;
    this.#counts = null;
    return true;
  }
}

// Typed transaction origins. Every command runs in one `doc.transact(fn, origin)`; providers use their own
// origins for remote updates. Classes (not plain objects) so a Y.UndoManager can track by constructor:
// `new Y.UndoManager(types, { trackedOrigins: new Set([LocalOrigin]) })`.

export class LocalOrigin {
  readonly kind = 'local';
  constructor(readonly actor: string) {}
}

export class MigrationOrigin {
  readonly kind = 'migration';
  constructor(
    readonly from: number,
    readonly to: number
  ) {}
}

export type DocOrigin = LocalOrigin | MigrationOrigin;

/** The default origin of commands when the caller names no actor. */
export const LOCAL_ORIGIN = new LocalOrigin('local');

export const localOrigin = (actor: string): LocalOrigin => new LocalOrigin(actor);

// Checks a peer's Yjs update (v1 encoding) before it may touch a room's document. One linear pass over the
// bytes that allocates nothing per struct (strings and binary content are skipped, not decoded): it counts
// client sections, structs and delete ranges, refuses absurd counts relative to the bytes left (a header
// claiming 2^30 structs in 40 bytes) and counts over the configured caps, and rejects what would throw only
// *after* Yjs has begun integrating (and so leave a half-applied transaction behind): a reference to a
// later clock of the item's own client, zero-length structs or delete ranges, a client section repeated,
// clocks beyond 2^53, an undecodable delete set, unknown content or type refs. Errors Yjs raises while it
// still reads the structs (bad JSON or UTF-8, too deep `any` values) happen before it integrates anything.
// Why not apply to a scratch copy: a copy of a big room's state per update costs O(document); this pass
// costs O(update) and is 10-100x cheaper than Yjs's own decode. What it cannot foresee is caught by the room
// (room.ts: a throwing apply is never broadcast or stored, and the room is reloaded from storage).

export interface UpdateLimits {
  /** Most structs (items, GC and skip ranges) one update may carry. */
  maxStructs: number;
  /** Most delete ranges one update may carry. */
  maxDeletes: number;
  /** Most client sections (struct and delete set together count once each). */
  maxClients: number;
}

export type UpdateRefusal = 'malformed' | 'too_complex';

export type UpdateVerdict =
  | { ok: true; structs: number; deletes: number; clients: number }
  | { ok: false; reason: UpdateRefusal; detail: string };

/** Deepest nesting of `any` values (arrays and objects) accepted; the app stores flat values. */
const MAX_ANY_DEPTH = 64;
const MAX_CLOCK = Number.MAX_SAFE_INTEGER;

class Refused extends Error {
  constructor(
    readonly reason: UpdateRefusal,
    readonly detail: string
  ) {
    super(detail);
  }
}

const malformed = (detail: string): Refused => new Refused('malformed', detail);

/** A bounds-checked reader over the update that never decodes strings. */
class Scanner {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get left(): number {
    return this.bytes.length - this.pos;
  }

  u8(): number {
    if (this.pos >= this.bytes.length) throw malformed('unexpected end');
    return this.bytes[this.pos++] as number;
  }

  varUint(): number {
    let num = 0;
    let mult = 1;
    for (;;) {
      const byte = this.u8();
      num += (byte & 0x7f) * mult;
      if (byte < 0x80) return num;
      mult *= 128;
      if (num > MAX_CLOCK) throw malformed('integer out of range');
    }
  }

  /** A count of items of at least `minBytes` each that must fit in the rest of the update. */
  count(minBytes: number, what: string): number {
    const n = this.varUint();
    if (n * minBytes > this.left) throw malformed(`${what} count ${n} exceeds the ${this.left} bytes left`);
    return n;
  }

  skip(n: number): void {
    if (n > this.left) throw malformed('unexpected end');
    this.pos += n;
  }

  /** Skips a varString / varUint8Array; returns its byte range. */
  skipBytes(): [number, number] {
    const length = this.varUint();
    const start = this.pos;
    this.skip(length);
    return [start, this.pos];
  }

  /** UTF-16 length of a varString (what Yjs counts as the clock length of string content). */
  stringLength(): number {
    const [start, end] = this.skipBytes();
    let units = 0;
    for (let i = start; i < end; i++) {
      const byte = this.bytes[i] as number;
      if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
    }
    return units;
  }

  skipAny(depth: number): void {
    if (depth > MAX_ANY_DEPTH) throw malformed('value nested too deeply');
    const type = this.u8();
    switch (type) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return;
      case 125: // varInt
        while (this.u8() >= 0x80);
        return;
      case 124:
        return this.skip(4);
      case 123:
      case 122:
        return this.skip(8);
      case 119: // string
      case 116: // Uint8Array
        this.skipBytes();
        return;
      case 118: {
        const n = this.count(2, 'object key');
        for (let i = 0; i < n; i++) {
          this.skipBytes();
          this.skipAny(depth + 1);
        }
        return;
      }
      case 117: {
        const n = this.count(1, 'array element');
        for (let i = 0; i < n; i++) this.skipAny(depth + 1);
        return;
      }
      default:
        throw malformed(`unknown value type ${type}`);
    }
  }
}

/** Checks `update` (Yjs v1) against `limits` without touching any document. Never throws. */
export function checkUpdate(update: Uint8Array, limits: UpdateLimits): UpdateVerdict {
  const s = new Scanner(update);
  try {
    let structs = 0;
    const sections = s.count(3, 'client section');
    if (sections > limits.maxClients) throw new Refused('too_complex', `${sections} client sections`);
    const seen = new Set<number>();
    for (let i = 0; i < sections; i++) {
      const n = s.count(2, 'struct');
      structs += n;
      if (structs > limits.maxStructs)
        throw new Refused('too_complex', `more than ${limits.maxStructs} structs`);
      const client = s.varUint();
      if (seen.has(client)) throw malformed('client section repeated');
      seen.add(client);
      let clock = s.varUint();
      for (let j = 0; j < n; j++) {
        const length = scanStruct(s, client, clock);
        if (length <= 0) throw malformed('empty struct');
        clock += length;
        if (clock > MAX_CLOCK) throw malformed('clock out of range');
      }
    }
    let deletes = 0;
    const dsClients = s.count(2, 'delete set client');
    if (dsClients > limits.maxClients) throw new Refused('too_complex', `${dsClients} delete set clients`);
    for (let i = 0; i < dsClients; i++) {
      s.varUint(); // client
      const n = s.count(2, 'delete range');
      deletes += n;
      if (deletes > limits.maxDeletes)
        throw new Refused('too_complex', `more than ${limits.maxDeletes} deletes`);
      for (let j = 0; j < n; j++) {
        const clock = s.varUint();
        const length = s.varUint();
        if (length === 0) throw malformed('empty delete range');
        if (clock + length > MAX_CLOCK) throw malformed('delete range out of range');
      }
    }
    return { ok: true, structs, deletes, clients: sections };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason, detail: error.detail };
    throw error;
  }
}

/** Same-client references must point before the item: Yjs looks them up without a check and throws. */
function reference(s: Scanner, client: number, clock: number): void {
  const refClient = s.varUint();
  const refClock = s.varUint();
  if (refClient === client && refClock >= clock) throw malformed('reference to a later clock');
}

/** Reads one struct at `clock` of `client`; returns its clock length. */
function scanStruct(s: Scanner, client: number, clock: number): number {
  const info = s.u8();
  const content = info & 0x1f;
  if (content === 0 || content === 10) return s.varUint(); // GC or Skip: just a length
  if (info & 0x80) reference(s, client, clock); // origin
  if (info & 0x40) reference(s, client, clock); // right origin
  if ((info & 0xc0) === 0) {
    if (s.varUint() === 1)
      s.skipBytes(); // parent is a root type, by name
    else reference(s, client, clock); // parent is an item's type
    if (info & 0x20) s.skipBytes(); // parentSub (map key)
  }
  switch (content) {
    case 1: // deleted
      return s.varUint();
    case 2: {
      // JSON strings
      const n = s.count(1, 'JSON value');
      for (let i = 0; i < n; i++) s.skipBytes();
      return n;
    }
    case 3: // binary
    case 5: // embed (JSON)
      s.skipBytes();
      return 1;
    case 4:
      return s.stringLength();
    case 6: // format: key, JSON value
      s.skipBytes();
      s.skipBytes();
      return 1;
    case 7: {
      const typeRef = s.varUint();
      if (typeRef > 6) throw malformed(`unknown type ref ${typeRef}`);
      if (typeRef === 3 || typeRef === 5) s.skipBytes(); // XmlElement / XmlHook name
      return 1;
    }
    case 8: {
      const n = s.count(1, 'any value');
      for (let i = 0; i < n; i++) s.skipAny(0);
      return n;
    }
    case 9: // subdocument: guid, options
      s.skipBytes();
      s.skipAny(0);
      return 1;
    default:
      throw malformed(`unknown content type ${content}`);
  }
}

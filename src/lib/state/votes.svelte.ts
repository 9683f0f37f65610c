// TableVotes: the dot votes of one Thementisch as a reactive read model, this person's ballot, and the
// verbs. Facilitators start, close and reveal a vote (control doc); everyone with write access puts points
// on ideas or clusters through `setPoints`, the ONE place a ballot is written. A vote is sealed from its
// start (scope `v-<voteId>`): a participant's ballot goes to their sealed document, which the relay gives
// nobody else and merges into shared when the facilitators reveal the vote (lib/state/sealed.svelte.ts). The ballot key is derived from the device's participant key and the vote id, so a
// reload or a reset of the shared document reuses the same ballot entry.

import { digest } from 'lib0/hash/sha256';
import { createSubscriber } from 'svelte/reactivity';
import {
  LOCAL_ORIGIN,
  observeVotes,
  readBallot,
  readVoteResult,
  readVotes,
  revealScope,
  sealScope,
  setBallotPoints,
  setVoteState,
  startVote,
  voteScope,
  type VoteError,
  type VoteInput
} from '../doc';
import {
  base64url,
  pointsLeft,
  type Result,
  type TableId,
  type Vote,
  type VoteId,
  type VoteResult
} from '../model';
import type { ClusterBoardView } from './clusters.svelte';
import type { ConferenceSession, SessionError } from './session.svelte';

export type { VoteInput };
export type VotesError = VoteError | SessionError;

/** base64url(sha256("ballot:" voteId ":" participantKey)), 16 characters: stable, unlinkable to the key. */
export function ballotKeyFor(participantKey: string, voteId: VoteId): string {
  const bytes = new TextEncoder().encode(`ballot:${voteId}:${participantKey}`);
  return base64url(digest(bytes)).slice(0, 16);
}

export class TableVotes {
  readonly #session: ConferenceSession;
  readonly #tableId: TableId;
  readonly #clusters: ClusterBoardView;
  readonly #subscribe: () => void;
  #notify: (() => void) | null = null;
  #stop: () => void = () => undefined;
  #observed: object | null = null;
  #votes: Vote[] | null = null;
  #version = 0;
  // A plain cache, invalidated by #version (reactivity comes from createSubscriber).
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #results = new Map<string, { version: number; board: object; result: VoteResult | null }>();

  constructor(session: ConferenceSession, tableId: TableId, clusters: ClusterBoardView) {
    this.#session = session;
    this.#tableId = tableId;
    this.#clusters = clusters;
    this.#subscribe = createSubscriber((update) => {
      this.#notify = update;
      return () => (this.#notify = null);
    });
  }

  get canModerate(): boolean {
    return this.#session.canModerate;
  }

  get canVote(): boolean {
    return this.#session.canWrite;
  }

  /** The table's votes, newest first. */
  get votes(): readonly Vote[] {
    this.#read();
    return (this.#votes ??= readVotes(this.#session.docs.control, this.#tableId));
  }

  /** The vote people see: the newest one. */
  get current(): Vote | null {
    return this.votes[0] ?? null;
  }

  /** The tally (ranking, voters) of a vote; live as ballots arrive. */
  result(voteId: VoteId): VoteResult | null {
    this.#read();
    const board = this.#clusters.board;
    const cached = this.#results.get(voteId);
    if (cached && cached.version === this.#version && cached.board === board) return cached.result;
    const docs = this.#session.docs;
    const result = readVoteResult(docs.control, docs.shared, voteId, board);
    this.#results.set(voteId, { version: this.#version, board, result });
    return result;
  }

  /** This person's points per item in a vote. */
  myBallot(voteId: VoteId): ReadonlyMap<string, number> {
    this.#read();
    return readBallot(this.#ballotDoc(voteId), voteId, this.#ballotKey(voteId));
  }

  pointsLeft(vote: Vote): number {
    return pointsLeft(this.myBallot(vote.id), vote);
  }

  /** Starts a vote, sealed: nobody but its author sees a ballot before the reveal (not even facilitators). */
  start(input: VoteInput): Result<VoteId, VotesError> {
    const control = this.#session.docs.control;
    return this.#moderated(() => {
      let started: Result<VoteId, VoteError> = { ok: false, error: 'notFound' };
      control.transact(() => {
        started = startVote(control, this.#tableId, input, LOCAL_ORIGIN);
        if (started.ok) sealScope(control, voteScope(started.value), LOCAL_ORIGIN);
      }, LOCAL_ORIGIN);
      return started;
    });
  }

  /** While a vote is sealed: how many participants have a ballot, as the relay counts them (else null). */
  sealedVoters(voteId: VoteId): number | null {
    return this.#session.sealed.isSealed(voteScope(voteId))
      ? (this.#session.sealed.count(voteScope(voteId)) ?? 0)
      : null;
  }

  /** Asks the relay for sealedVoters every few seconds until the returned stop is called (facilitators). */
  watchSealedVoters(voteId: VoteId): () => void {
    return this.#session.sealed.watchCount(voteScope(voteId));
  }

  close(id: VoteId): Result<void, VotesError> {
    return this.#moderated(() =>
      setVoteState(this.#session.docs.control, id, { status: 'closed' }, LOCAL_ORIGIN)
    );
  }

  reopen(id: VoteId): Result<void, VotesError> {
    return this.#moderated(() =>
      setVoteState(this.#session.docs.control, id, { status: 'open' }, LOCAL_ORIGIN)
    );
  }

  /**
   * Shows the result (revealed) or hides it again. Revealing also unseals the ballots: the relay merges them
   * into shared, for good (hiding the result again only hides the chart).
   */
  reveal(id: VoteId, revealed = true): Result<void, VotesError> {
    const control = this.#session.docs.control;
    return this.#moderated(() => {
      let done: Result<void, VoteError> = { ok: true, value: undefined };
      control.transact(() => {
        done = setVoteState(control, id, { revealed }, LOCAL_ORIGIN);
        if (done.ok && revealed) revealScope(control, voteScope(id), LOCAL_ORIGIN);
      }, LOCAL_ORIGIN);
      return done;
    });
  }

  /** Sets this person's points on one item (0 takes them back). The one writer of ballots. */
  setPoints(voteId: VoteId, itemId: string, points: number): Result<void, VotesError> {
    if (!this.#session.canWrite) return { ok: false, error: 'notAllowed' };
    const docs = { control: this.#session.docs.control, shared: this.#ballotDoc(voteId) };
    return setBallotPoints(docs, voteId, this.#ballotKey(voteId), itemId, points, LOCAL_ORIGIN);
  }

  destroy(): void {
    this.#stop();
    this.#notify = null;
  }

  /** Where this person's ballot lives: their sealed document while the vote is sealed, else shared. */
  #ballotDoc(voteId: VoteId) {
    return this.#session.sealed.watchedDoc(voteScope(voteId)) ?? this.#session.docs.shared;
  }

  #ballotKey(voteId: VoteId): string {
    return ballotKeyFor(this.#session.record.participantKey ?? this.#session.roomId, voteId);
  }

  /** Subscribes, and (re)observes the documents: the session may swap the shared one after a refusal. */
  #read(): void {
    this.#subscribe();
    const docs = this.#session.docs;
    if (this.#observed === docs.shared) return;
    this.#stop();
    this.#observed = docs.shared;
    this.#changed();
    this.#stop = observeVotes(docs, () => {
      this.#changed();
      this.#notify?.();
    });
  }

  #changed(): void {
    this.#votes = null;
    this.#version++;
  }

  #moderated<T>(run: () => Result<T, VoteError>): Result<T, VotesError> {
    if (!this.#session.canModerate) return { ok: false, error: 'notAllowed' };
    return run();
  }
}

/**
 * What a verification of the whole store reports (docs/adr/0022): each break as found,
 * progress, and the summary. Kept apart, with no imports, so that the web application's
 * verification page (apps/web/src/pages/explorer/verification) reads the very shapes the
 * service writes as JSON Lines.
 */
export type StoreBreak =
  | {
      kind: 'chain-broken';
      problem: 'revision-gap' | 'previous-hash-mismatch' | 'hash-mismatch';
      streamId: string;
      revision: number;
      eventId: string;
      position: string;
      /** For a revision gap: the revision the stream should have continued with. */
      expectedRevision?: number;
    }
  | { kind: 'recorded-at-rewritten'; streamId: string; revision: number; eventId: string; position: string; stored: string; hashed: string }
  | { kind: 'position-gap'; from: string; to: string }
  | {
      kind: 'head-mismatch';
      streamId: string;
      recorded: { revision: number; hash: string | null } | null;
      lastEvent: { revision: number; hash: string } | null;
    }
  | { kind: 'checkpoint-contradicted'; checkpoint: CheckpointReference; problem: 'events-missing'; missing: [string, string][] }
  | {
      kind: 'checkpoint-contradicted';
      checkpoint: CheckpointReference;
      problem: 'heads-differ';
      streamKinds: { kind: string; signed: { streams: number; digest: string } | null; found: { streams: number; digest: string } | null }[];
    }
  | { kind: 'checkpoint-unverifiable'; checkpoint: string; reason: string };

export type StoreBreakKind = StoreBreak['kind'];

export interface CheckpointReference {
  /** Its file name in the anchor directory. */
  name: string;
  upTo: string;
  signedAt: string;
}

export interface VerificationProgress {
  phase: 'events' | 'heads';
  /** events: the last position read; heads: heads compared. */
  done: string;
  /** events: the last position when verification began; heads: undefined. */
  of?: string;
}

export interface StoreVerification {
  intact: boolean;
  events: number;
  streams: number;
  /** The last position when verification began; later events are verified only through their streams' heads. */
  upTo: string;
  breaks: number;
  breaksByKind: Partial<Record<StoreBreakKind, number>>;
  checkpoints: { verified: number; latest: CheckpointReference | null };
  /** Missing positions a signed checkpoint saw missing already (a rolled-back append, a server crash). */
  gapsSignedAbsent: [string, string][];
}

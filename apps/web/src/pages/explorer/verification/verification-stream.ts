import { problemOf, WEB_CLIENT_HEADER } from '../../../api/client';

/**
 * GET /verification answers in JSON Lines as it reads the store (apps/api/src/verification/
 * verify-store): progress, each break as found, then the summary. The shapes below are the
 * API's (libs/ledger/src/verification/store-verification.ts), written out here because the
 * web application does not compile the server's libraries.
 */
export interface CheckpointReference {
  name: string;
  upTo: string;
  signedAt: string;
}

export interface SignedHeads {
  streams: number;
  digest: string;
}

export type StoreBreak =
  | {
      kind: 'chain-broken';
      problem: 'revision-gap' | 'previous-hash-mismatch' | 'hash-mismatch';
      streamId: string;
      revision: number;
      eventId: string;
      position: string;
      expectedRevision?: number;
    }
  | { kind: 'recorded-at-rewritten'; streamId: string; revision: number; eventId: string; position: string; stored: string; hashed: string }
  | { kind: 'position-gap'; from: string; to: string }
  | { kind: 'head-mismatch'; streamId: string; recorded: { revision: number; hash: string | null } | null; lastEvent: { revision: number; hash: string } | null }
  | { kind: 'checkpoint-contradicted'; checkpoint: CheckpointReference; problem: 'events-missing'; missing: [string, string][] }
  | {
      kind: 'checkpoint-contradicted';
      checkpoint: CheckpointReference;
      problem: 'heads-differ';
      streamKinds: { kind: string; signed: SignedHeads | null; found: SignedHeads | null }[];
    }
  | { kind: 'checkpoint-unverifiable'; checkpoint: string; reason: string };

export interface VerificationProgress {
  phase: 'events' | 'heads';
  done: string;
  of?: string;
}

export interface VerificationSummary {
  intact: boolean;
  events: number;
  streams: number;
  upTo: string;
  breaks: number;
  breaksByKind: Partial<Record<StoreBreak['kind'], number>>;
  checkpoints: { verified: number; latest: CheckpointReference | null };
  gapsSignedAbsent: [string, string][];
}

export type VerificationLine = { progress: VerificationProgress } | { break: StoreBreak } | { summary: VerificationSummary } | { error: string };

/**
 * Splits text arriving in pieces into complete lines: a piece may end mid-line, and a line
 * may arrive over several pieces. Returns the complete lines and what is left for later.
 */
export function completeLines(buffered: string, piece: string): { lines: string[]; rest: string } {
  const parts = (buffered + piece).split('\n');
  const rest = parts.pop()!;
  return { lines: parts.filter((line) => line.trim() !== ''), rest };
}

/** Runs the verification, handing each line to `onLine` as it arrives; resolves when the answer ends. */
export async function streamVerification(signal: AbortSignal, onLine: (line: VerificationLine) => void): Promise<void> {
  const response = await fetch('/verification', {
    headers: { accept: 'application/x-ndjson', ...WEB_CLIENT_HEADER },
    credentials: 'same-origin',
    signal,
  });
  if (!response.ok) throw await problemOf(response);
  if (response.body === null) throw new Error('the answer has no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const split = completeLines(rest, value);
    rest = split.rest;
    for (const line of split.lines) onLine(JSON.parse(line) as VerificationLine);
  }
  if (rest.trim() !== '') onLine(JSON.parse(rest) as VerificationLine);
}

import type { StoreBreak, StoreVerification, VerificationProgress } from '../../../../../../libs/ledger/src/verification/verification-report.js';

export type { CheckpointReference, StoreBreak, VerificationProgress } from '../../../../../../libs/ledger/src/verification/verification-report.js';
import { problemOf, WEB_CLIENT_HEADER } from '../../../api/client';

/**
 * GET /verification answers in JSON Lines as it reads the store (apps/api/src/verification/
 * verify-store): progress, each break as found, then the summary — the shapes the service
 * writes (libs/ledger/src/verification/verification-report.ts, which imports nothing).
 */
export type VerificationSummary = StoreVerification;

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

import { useRef, useState } from 'react';
import { ApiProblem, sendJson } from '../../../api/client';
import { rememberPosition } from '../../../api/read-your-writes';

/** What a project command answers (ProjectCommandResponse): the events recorded and where the views must reach to show them. */
export interface CommandResult {
  projectId: string;
  status: string;
  recorded: string[];
  revision: number | null;
  position: string | null;
  requestId?: string;
  reportId?: string;
  transactionId?: string;
}

export type SendState =
  | { kind: 'ready' }
  | { kind: 'sending' }
  | { kind: 'refused'; problem: ApiProblem | Error };

/** A fresh Idempotency-Key: random, so two intents never share one (crypto.randomUUID needs a secure context; the fallback does not). */
export function newIntentKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * One intent to send one command: its Idempotency-Key is made when the form opens and kept
 * for every retry and every second click of that intent, so the API records it once; a
 * new form is a new intent with a new key. While a send is under way a second one is not
 * started at all (the button is disabled too, but a double click can land before React
 * re-renders). The caller's If-Match is the revision of the card the form was opened on.
 */
export function useCommandIntent(path: string, ifMatch: string | undefined) {
  const [intentKey] = useState(newIntentKey);
  const [state, setState] = useState<SendState>({ kind: 'ready' });
  const inFlight = useRef(false);

  async function send(body: Record<string, unknown>): Promise<{ result?: CommandResult; problem?: ApiProblem | Error }> {
    if (inFlight.current) return {};
    inFlight.current = true;
    setState({ kind: 'sending' });
    try {
      const headers: Record<string, string> = { 'Idempotency-Key': intentKey };
      if (ifMatch) headers['If-Match'] = ifMatch;
      const result = await sendJson<CommandResult>('POST', path, body, headers);
      rememberPosition(result.position);
      setState({ kind: 'ready' });
      return { result };
    } catch (error) {
      const problem = error instanceof Error ? error : new Error(String(error));
      setState({ kind: 'refused', problem });
      return { problem };
    } finally {
      inFlight.current = false;
    }
  }

  return { intentKey, state, send };
}

/** The 412 of a stale If-Match: someone changed the project since this page read it. */
export function isStale(problem: unknown): problem is ApiProblem {
  return problem instanceof ApiProblem && problem.status === 412;
}

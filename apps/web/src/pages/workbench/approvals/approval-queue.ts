import { useQueries, useQuery } from '@tanstack/react-query';
import { useAsOf } from '../../../api/as-of';
import { ApiProblem, apiPath, getJson } from '../../../api/client';
import { minPosition } from '../../../api/read-your-writes';

/** GET /approval-queue (ApprovalQueuePage in the API's document). */
export const WAITING_KINDS = ['endorsement', 'approval', 'retained', 'budget-revision', 'extension', 'report'] as const;

export interface QueueItem {
  projectId: string;
  title: Record<string, string>;
  status: string;
  kind: string;
  awaiting: string;
  waitingSince: string;
  waitingDays: number;
  waitingSeconds: number;
  budget: string;
  year: number;
  fundingLine: number;
  requestId?: string;
  reportId?: string;
  reportKind?: string;
  requestedBudget?: { total: string };
  currentEndDate?: string;
  newEndDate?: string;
  reason?: string;
  draftedBy?: string;
  submittedBy?: string;
  endorsedBy?: string;
  requestedBy?: string;
  decision: { command: string; method: string; path: string };
  mayAct: boolean;
  refusal?: { code: string; detail: string };
}

export interface Envelope {
  year: number;
  fundingLine: number;
  amount: string;
  reserved: string;
  available: string;
}

export function useApprovalQueue(kinds: readonly string[]) {
  const asOf = useAsOf();
  return useQuery({
    queryKey: ['approval-queue', kinds.join(','), minPosition(), asOf],
    // The queue is a view: with the position of this tab's last command it shows its result.
    queryFn: ({ signal }) => getJson<{ items: QueueItem[]; nextCursor: string | null }>(apiPath('/approval-queue', { kind: kinds, limit: 100, minPosition: asOf ? undefined : minPosition(), asOf }), signal),
    staleTime: 0,
  });
}

/** What an approval asks of its envelope: a proposal's whole budget, or the raise a budget revision asks for (none for a cut). */
export function askOfEnvelope(item: QueueItem): number | undefined {
  if (item.kind === 'approval' || item.kind === 'retained' || item.kind === 'endorsement') return Number(item.budget);
  if (item.kind === 'budget-revision' && item.requestedBudget) {
    const raise = Number(item.requestedBudget.total) - Number(item.budget);
    return raise > 0 ? raise : undefined;
  }
  return undefined;
}

/** The envelopes of the (year, line)s the items would draw on: each read once (GET /envelopes/{year}/{line}, always current). */
export function useEnvelopes(items: readonly QueueItem[]) {
  const wanted = [...new Set(items.filter((item) => askOfEnvelope(item) !== undefined).map((item) => `${item.year}/${item.fundingLine}`))];
  const results = useQueries({
    queries: wanted.map((key) => ({
      queryKey: ['workbench', 'envelope', key, minPosition()],
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        try {
          return await getJson<Envelope>(`/envelopes/${key}`, signal);
        } catch (error) {
          // No envelope open for that year and line: the approval would be refused (rule 7).
          if (error instanceof ApiProblem && error.status === 404) return null;
          throw error;
        }
      },
      staleTime: 0,
    })),
  });
  return new Map(wanted.map((key, index) => [key, results[index]!] as const));
}

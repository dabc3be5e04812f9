import { useInfiniteQuery, useQueries } from '@tanstack/react-query';
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

/** Items per request: the API's largest page. */
export const QUEUE_PAGE = 100;

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
}

/**
 * The queue, page after page of the API's cursor: the first page at once, each next one when
 * the reader asks for it. Every page is read with the position of this tab's last command
 * (the queue is a view), read when the page is fetched, so a refetch after a decision shows it.
 */
export function useApprovalQueue(kinds: readonly string[]) {
  const asOf = useAsOf();
  return useInfiniteQuery({
    queryKey: ['approval-queue', kinds.join(','), asOf],
    queryFn: ({ signal, pageParam }) =>
      getJson<QueuePage>(apiPath('/approval-queue', { kind: kinds, limit: QUEUE_PAGE, cursor: pageParam, minPosition: asOf ? undefined : minPosition(), asOf }), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
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

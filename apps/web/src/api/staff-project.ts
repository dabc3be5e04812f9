import { useQuery } from '@tanstack/react-query';
import { getJson } from './client';

/**
 * The staff card, GET /projects/{id} (ProjectRecordResponse): the project folded from its
 * events, read from the store itself (always current), with `revision` — also its ETag —
 * and the commands the caller may send now. Money is USD as decimal strings.
 */
export interface AllowedCommand {
  command: string;
  method: string;
  path: string;
  requestId?: string;
  reportId?: string;
  transactionId?: string;
  reportKind?: string;
}

export interface StaffProject {
  projectId: string;
  primaId: string;
  title: Record<string, string>;
  status: string;
  statusReason?: string;
  year: number;
  fundingLine: number;
  coverage: string;
  plannedStartDate: string;
  plannedEndDate: string;
  currentEndDate: string;
  actualStartDate?: string;
  actualEndDate?: string;
  beneficiaryStates: { code: string; share: string }[];
  budget: { total: string; staffAndOfficeCosts: string; operationalCosts: string };
  money: { committed: string; disbursed: string; spent: string; undisbursed: string; refunded: string; unspentBalance: string };
  transactions: { transactionId: string; kind: string; amount: string; valueDate: string }[];
  governmentEndorsements: Record<string, { endorsedOn?: string; authority?: string }>;
  reports: Record<string, { kind?: string; status?: string }>;
  focalPoint?: { name?: string; organisation?: string; email?: string };
  pendingBudgetRevision?: { requestId: string; budget: { total: string }; requestedBy: string; reason?: string };
  pendingNoCostExtension?: { requestId: string; newEndDate: string; requestedBy: string; reason?: string };
  latestStep?: { type?: string; effectiveOn?: string };
  revision: number;
  allowedCommands: AllowedCommand[];
}

/** One recorded event of a project's stream (GET /projects/{id}/events). */
export interface RecordedEvent {
  type: string;
  revision: number;
  position: string;
  effectiveOn: string;
  recordedAt: string;
  metadata: { actorId?: string; reason?: string };
}

export const staffProjectKey = (projectId: string) => ['workbench', 'project', projectId] as const;

export function useStaffProject(projectId: string) {
  return useQuery({
    queryKey: staffProjectKey(projectId),
    queryFn: ({ signal }) => getJson<StaffProject>(`/projects/${encodeURIComponent(projectId)}`, signal),
    // The card on screen is what a command is judged against (If-Match): it changes only
    // when this page asks again — after its own command or on "start again" — never silently.
    staleTime: Infinity,
    refetchOnMount: 'always',
  });
}

/** The ETag of the card as it was read: its revision, quoted (as the API sends it). */
export function etagOf(project: { revision: number }): string {
  return `"${project.revision}"`;
}

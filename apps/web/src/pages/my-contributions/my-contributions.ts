import { useQuery } from '@tanstack/react-query';
import { useAsOfPath } from '../../api/as-of';
import { getJson } from '../../api/client';

/** GET /funding/my-contributions, as the API answers it (apps/api/src/views/my-contributions/my-contributions.response.ts). */
export interface MyContributions {
  organisation: string;
  contributions: MyContribution[];
  total: { pledged: string; received: string; outstanding: string };
  whereItWent: EnvelopeAttribution[];
}

export interface MyContribution {
  contributionId: string;
  year: number;
  fundingLine: number;
  earmarkedRegion?: string;
  pledged: string;
  received: string;
  outstanding: string;
  receipts: { receiptId: string; amount: string; receivedOn: string }[];
}

export interface EnvelopeAttribution {
  year: number;
  fundingLine: number;
  earmarkedRegion?: string;
  /** What the organisation gave into this envelope (received). */
  received: string;
  /** Every donor's receipts into it. */
  envelopeReceipts: string;
  /** received / envelopeReceipts, in percent, rounded for display by the API. */
  shareOfReceipts: string;
  projects: FundedProject[];
  /** The rest of `received`: the projects' parts and this add up to it, to the cent. */
  notYetCommitted: string;
}

export interface FundedProject {
  projectId: string;
  title: Record<string, string>;
  thematicArea: string;
  coverage: string;
  region: string;
  stateCodes: string[];
  status: string;
  committed: string;
  /** The organisation's part of the commitment. */
  attributed: string;
}

/** Read only with a session: the API answers it for the organisation the session's token names. */
export function useMyContributions(enabled: boolean) {
  const path = useAsOfPath('/funding/my-contributions');
  return useQuery({
    queryKey: ['funding', 'my-contributions', path],
    queryFn: ({ signal }) => getJson<MyContributions>(path, signal),
    enabled,
  });
}

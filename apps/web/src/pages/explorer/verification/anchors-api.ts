import { useQuery } from '@tanstack/react-query';
import { getJson, problemOf, WEB_CLIENT_HEADER } from '../../../api/client';

/** GET /verification/anchors: the checkpoint files as written, newest first, signatures unchecked. */
export interface AnchorFile {
  name: string;
  checkpoint?: Record<string, unknown>;
  unreadable?: string;
}

export interface AnchorList {
  total: number;
  keyId: string | null;
  anchors: AnchorFile[];
}

export const ANCHORS_KEY = ['verification', 'anchors'] as const;

export function useAnchors(limit: number) {
  return useQuery({ queryKey: [...ANCHORS_KEY, limit], queryFn: ({ signal }) => getJson<AnchorList>(`/verification/anchors?limit=${limit}`, signal) });
}

/** The public key the service publishes (PEM); the auditor may prefer one held apart. */
export function usePublishedKey(enabled: boolean) {
  return useQuery({
    queryKey: ['verification', 'public-key'],
    enabled,
    queryFn: async ({ signal }) => {
      const response = await fetch('/verification/anchors/public-key', { headers: { accept: 'application/x-pem-file', ...WEB_CLIENT_HEADER }, credentials: 'same-origin', signal });
      if (!response.ok) throw await problemOf(response);
      return response.text();
    },
  });
}

/** GET /projects/{id}/events/verification: one project's hash chain recomputed. */
export interface ChainVerification {
  projectId: string;
  events: number;
  intact: boolean;
  firstBreak?: { revision: number; eventId: string; problem: 'previous-hash-mismatch' | 'hash-mismatch' | 'revision-gap' };
  lastHash: string;
}

export function useProjectChain(projectId: string | null) {
  return useQuery({
    queryKey: ['verification', 'project', projectId],
    enabled: projectId !== null,
    // Each press of the button asks again: a chain is verified now, not remembered.
    staleTime: 0,
    gcTime: 0,
    queryFn: ({ signal }) => getJson<ChainVerification>(`/projects/${encodeURIComponent(projectId!)}/events/verification`, signal),
  });
}

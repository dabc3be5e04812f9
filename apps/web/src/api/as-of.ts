import { useSyncExternalStore } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Time travel, in one place: the instant an auditor chose (`?asOf=` in the address) that
 * every view the application reads is asked for (the API answers each view as it stood
 * then, ADR 0020). The address carries it, so a link shares the finding; the instant also
 * sticks once chosen, so following any link inside the application keeps it (the banner,
 * pages/explorer/AsOfBanner.tsx, writes it back into the address) until "back to now".
 */
export const AS_OF_PARAM = 'asOf';

// A page opened from a shared link starts at its instant, before any component has run.
let chosen: string | undefined = typeof window === 'undefined' ? undefined : new URLSearchParams(window.location.search).get(AS_OF_PARAM) || undefined;
const listeners = new Set<() => void>();

/** Remembers the instant chosen (undefined: now) for every page that follows. */
export function chooseAsOf(instant: string | undefined): void {
  if (instant === chosen) return;
  chosen = instant;
  for (const listener of listeners) listener();
}

/** The instant chosen, also outside React (the overview's prefetch). */
export function chosenAsOf(): string | undefined {
  return chosen;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The pages that read their views as of the instant: the overview, the portal's pages, the
 * approval queue and the explorer. The others (the workbench's projects and forms, sign-in)
 * show and change the present: they neither read nor carry the instant.
 */
export function readsAsOf(pathname: string): boolean {
  return pathname === '/' || ['/portal/', '/explorer', '/workbench/approvals'].some((prefix) => pathname.startsWith(prefix));
}

/** The instant the page reads its views at: the address's, else the one chosen before; undefined for now. */
export function useAsOf(): string | undefined {
  const [params] = useSearchParams();
  const sticky = useSyncExternalStore(subscribe, chosenAsOf);
  return params.get(AS_OF_PARAM) || sticky;
}

/** `path` asking for its answer as of `asOf` (left as it is for now). Works for API paths and the application's own. */
export function withAsOf(path: string, asOf: string | undefined): string {
  if (!asOf) return path;
  const url = new URL(path, 'http://local');
  url.searchParams.set(AS_OF_PARAM, asOf);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `path` without any instant: the same page now. */
export function withoutAsOf(path: string): string {
  const url = new URL(path, 'http://local');
  url.searchParams.delete(AS_OF_PARAM);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A query key's part that keeps the answers of each instant apart from the live ones. */
export function asOfKey(asOf: string | undefined): string {
  return asOf ?? 'now';
}

/** The path a view query reads, with the instant the page is at: `useAsOfPath('/funding/envelopes')`. */
export function useAsOfPath(path: string): string {
  return withAsOf(path, useAsOf());
}

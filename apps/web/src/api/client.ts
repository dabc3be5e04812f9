/**
 * Every request of the web application goes through here: same origin, the session cookie
 * the API set at sign-in (HttpOnly: no script reads the token), problems (RFC 9457) turned
 * into ApiProblem so pages show their `detail` and, for forms, their `errors`.
 */

/** Sent with every request: the API refuses a cookie-authenticated change without it (CSRF). */
export const WEB_CLIENT_HEADER = { 'x-requested-with': 'portfolio-ledger-web' } as const;

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  errors?: { field?: string; pointer?: string; code?: string; message?: string; detail?: string }[];
  [key: string]: unknown;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: ProblemBody,
  ) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
  }
  get code(): string | undefined {
    return this.body.code;
  }
}

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined | null;

/** A path with its query: arrays become one comma-separated value (`status=active,completed`), empty values are left out. */
export function apiPath(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function problemOf(response: Response): Promise<ApiProblem> {
  let body: ProblemBody = {};
  try {
    body = (await response.json()) as ProblemBody;
  } catch {
    body = { detail: `${response.status} ${response.statusText}` };
  }
  return new ApiProblem(response.status, body);
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json', ...WEB_CLIENT_HEADER }, credentials: 'same-origin', signal: signal ?? null });
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as T;
}

export async function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { accept: 'application/json', ...WEB_CLIENT_HEADER, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

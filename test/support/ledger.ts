import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Role } from '#domain';
import type { Cast } from './journeys.js';
import type { Client, Reply, TestApp } from './test-app.js';

/**
 * Helpers for the end-to-end tests that follow a project through its lifecycle and check
 * refusals: the people of the fund, money as cents, RFC 9457 problems, and snapshots of
 * what is recorded (to prove a refusal recorded nothing).
 */

/** Everyone who works with the portfolio, each a client with a token for their role. */
export interface Staff extends Cast {
  financeOfficer: Client;
  auditor: Client;
  donor: Client;
}

export async function staffOf(app: TestApp): Promise<Staff> {
  return {
    admin: await app.as('ada', 'admin'),
    fundManager: await app.as('fatima', 'fund-manager'),
    approver: await app.as('arturo', 'approver'),
    secondApprover: await app.as('bintou', 'approver'),
    financeOfficer: await app.as('farid', 'finance-officer'),
    auditor: await app.as('aurelia', 'auditor'),
    donor: await app.as('dmitri', 'donor'),
  };
}

// ---------------------------------------------------------------------------------------
// Money: the API speaks USD as decimal strings; the tests do their sums in integer cents.

/** "37887.00" → 3788700. Refuses anything that is not a plain decimal string of dollars. */
export function cents(usd: string): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(usd);
  if (!match) throw new Error(`not a USD amount with two decimals: ${JSON.stringify(usd)}`);
  const value = Number(match[2]) * 100 + Number(match[3]);
  return match[1] === '-' ? -value : value;
}

/** 3788700 → "37887.00". */
export function usd(amountInCents: number): string {
  if (!Number.isSafeInteger(amountInCents)) throw new Error(`not whole cents: ${amountInCents}`);
  const sign = amountInCents < 0 ? '-' : '';
  const abs = Math.abs(amountInCents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------
// Problems (RFC 9457).

/**
 * Asserts that a reply is the RFC 9457 problem the API promises for a refusal: the
 * problem media type, and a body with type, title, status, code and a human detail.
 */
export function expectProblem(reply: Reply, status: number, code: string): void {
  expect({ status: reply.status, code: reply.body?.code }).toEqual({ status, code });
  expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
  expect(reply.body).toEqual(
    expect.objectContaining({
      type: `/problems/${code}`,
      title: expect.any(String),
      status,
      code,
      detail: expect.any(String),
    }),
  );
  expect(reply.body.title.length).toBeGreaterThan(0);
  expect(reply.body.detail.length).toBeGreaterThan(0);
}

// ---------------------------------------------------------------------------------------
// What is recorded.

export interface ProjectSnapshot {
  etag: string | null;
  revision: number;
  status: string;
  eventIds: string[];
}

/** The project as an auditor reads it: its ETag/revision, status and recorded events. */
export async function projectSnapshot(reader: Client, projectId: string): Promise<ProjectSnapshot> {
  const project = await reader.get(`/projects/${projectId}`);
  expect(project.status).toBe(200);
  const events = await reader.get(`/projects/${projectId}/events?limit=500`);
  expect(events.status).toBe(200);
  return {
    etag: project.headers.get('etag'),
    revision: project.body.revision,
    status: project.body.status,
    eventIds: events.body.events.map((event: { id: string }) => event.id),
  };
}

export interface EnvelopeSnapshot {
  status: number;
  etag: string | null;
  body: unknown;
}

/**
 * An envelope as its events have it (including a 404 when it was never opened). Its
 * `pendingRepairs` are left out: they come from the workflows view, not from the envelope's
 * events, and a refusal that reserved anything would change the revision anyway.
 */
export async function envelopeSnapshot(reader: Client, year: number, line: 1 | 2): Promise<EnvelopeSnapshot> {
  const envelope = await reader.get(`/envelopes/${year}/${line}`);
  const { pendingRepairs: _followsTheFeed, ...recorded } = (envelope.body ?? {}) as Record<string, unknown>;
  return { status: envelope.status, etag: envelope.headers.get('etag'), body: recorded };
}

/** Opens the envelope of (year, line) unless it is already open; returns it as read. */
export async function ensureEnvelope(admin: Client, year: number, line: 1 | 2, amount: string) {
  const current = await admin.get(`/envelopes/${year}/${line}`);
  if (current.status === 200) return current.body;
  const opened = await admin.post('/envelopes', { year, fundingLine: line, amount });
  expect(opened.status).toBe(201);
  return opened.body;
}

// ---------------------------------------------------------------------------------------
// Raw HTTP, for what the JSON client cannot send or read (malformed bodies, any media type).

export interface RawReply {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: any;
}

export async function rawRequest(
  app: TestApp,
  options: { method: string; path: string; subject?: string; roles?: Role[]; body?: string; headers?: Record<string, string> },
): Promise<RawReply> {
  const token = options.subject === undefined ? undefined : await app.token(options.subject, ...(options.roles ?? []));
  const response = await fetch(`${app.baseUrl}${options.path}`, {
    method: options.method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

// ---------------------------------------------------------------------------------------
// Dates.

/** Today's UTC calendar date moved by `days`. */
export function utcToday(days = 0): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------
// Tokens.

/** A token shaped exactly like the service's own (HS256, its issuer), but signed with another key. */
export async function forgedToken(subject: string, ...roles: Role[]): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer('portfolio-ledger')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(randomBytes(32));
}

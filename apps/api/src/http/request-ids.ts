import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What an id from a client may be: it goes into logs, headers and events' metadata as is. */
const SANE_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const REQUEST_ID = Symbol('request-id');

function saneHeader(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && SANE_ID.test(value) ? value : undefined;
}

/**
 * One id per HTTP request: the client's `X-Request-Id` when it is a sane token (a proxy in
 * front may have logged it already), else a new UUID. It is the request's log line's
 * `requestId`, the `X-Request-Id` answered, and the causation id of every event it records.
 */
export function requestIdOf(request: IncomingMessage): string {
  const holder = request as unknown as Record<symbol, string>;
  holder[REQUEST_ID] ??= saneHeader(request, 'x-request-id') ?? randomUUID();
  return holder[REQUEST_ID];
}

/**
 * The chain of causes a request belongs to: the client's `X-Correlation-Id` ties several
 * requests together; otherwise the request starts one, named by its own id.
 */
export function correlationIdOf(request: IncomingMessage): string {
  return saneHeader(request, 'x-correlation-id') ?? requestIdOf(request);
}

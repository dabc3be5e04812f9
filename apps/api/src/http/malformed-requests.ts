import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem } from './problem.js';

/**
 * Requests Node's HTTP parser refuses before any route sees them (a URL or headers over
 * its 16 kB limit, a request line it cannot parse) get a problem body too, instead of
 * Node's bare status line. The connection is closed after it, as Node would.
 */
export function answerMalformedRequestsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (socket as Duplex & { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const refusal =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? problem(431, 'request.headers-too-large', 'the URL or the headers are larger than 16 kB')
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ECONNRESET'
          ? undefined
          : problem(400, 'request.malformed', 'the request is not valid HTTP');
    if (refusal === undefined) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify(refusal);
    socket.end(
      `HTTP/1.1 ${refusal.status} ${refusal.title}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Response } from 'express';

/**
 * Chunks of ~64 kB are read ahead of the socket, no more: a page of 500 rows is one chunk,
 * and the next page is asked of the store only when the client has taken the last one
 * (Readable.from pulls the generator on demand, pipeline stops pulling while the socket's
 * write() returns false). A 100,000-project export holds one page at a time.
 */
const READ_AHEAD_BYTES = 64 * 1024;

export interface Download {
  contentType: string;
  /** The Content-Disposition header (attachmentOf). */
  disposition: string;
  /** The body, in chunks produced as the client reads (or, when small, at once). */
  body: AsyncIterable<string> | string;
}

/**
 * Sends a download as it is produced. The first chunk is produced before anything is sent,
 * so that a refusal there (a cursor not from this list, the store unavailable) still answers
 * as a problem with its status; a failure after that can only cut the transfer short, which a
 * client sees as a chunked body without its end. A client that goes away stops the export.
 */
export async function sendDownload(response: Response, download: Download): Promise<void> {
  const body = download.body;
  const chunks = typeof body === 'string' ? (async function* () { yield body; })() : body[Symbol.asyncIterator]();
  const first = await chunks.next();
  async function* all(): AsyncGenerator<string> {
    try {
      if (first.done) return;
      yield first.value;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    } finally {
      await chunks.return?.(); // the client left: no further page is asked for
    }
  }
  response.status(200).set('Content-Type', download.contentType).set('Content-Disposition', download.disposition);
  // An export is an answer of its instant: not for a shared cache to hand to someone else.
  response.set('Cache-Control', 'private, no-store').vary('Accept-Encoding');
  const source = Readable.from(all(), { objectMode: false, highWaterMark: READ_AHEAD_BYTES });
  try {
    if (response.req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      response.set('Content-Encoding', 'gzip');
      await pipeline(source, createGzip(), response);
    } else {
      await pipeline(source, response);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return; // the client left
    throw error;
  }
}

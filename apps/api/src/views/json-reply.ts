import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Response } from 'express';

const gzipped = promisify(gzip);

/**
 * Below this a body goes as it is: gzip's header and the Content-Encoding it needs would
 * outweigh what it saves, and an empty list or a small summary is sent at once.
 */
const SMALLEST_GZIPPED_BODY = 1024;

/**
 * A view's answer as it goes on the wire: serialised (and gzipped) once, when it is computed,
 * and sent as is to every request the cache answers with it.
 *
 * A portfolio page of 50 projects is ~110 kB of JSON. Serialising and hashing it again for
 * each request (Express's `json` and ETag) was the largest cost once the answer itself came
 * from the cache; after that it was writing 110 kB to the socket — over a quarter of the API's
 * time at 10,000 projects. Gzipped, the same page is ~10 kB, compressed on libuv's thread
 * pool once per answer rather than on the event loop once per request. Clients that do not
 * say `Accept-Encoding: gzip` (browsers and fetch all do) get the plain bytes.
 */
export class JsonReply {
  private constructor(
    private readonly body: Buffer,
    private readonly gzippedBody: Buffer | undefined,
    private readonly etag: string,
  ) {}

  static async of(answer: unknown): Promise<JsonReply> {
    const body = Buffer.from(JSON.stringify(answer), 'utf8');
    // The ETag Express would have computed (weak; length and SHA-1 of the body), once. A weak
    // ETag names the content, not the bytes, so the gzipped form shares it.
    const hash = createHash('sha1').update(body).digest('base64').slice(0, 27);
    const compressed = body.length >= SMALLEST_GZIPPED_BODY ? await gzipped(body) : undefined;
    return new JsonReply(body, compressed, `W/"${body.length.toString(16)}-${hash}"`);
  }

  /** What the cache counts it as: both forms are kept. */
  get byteLength(): number {
    return this.body.length + (this.gzippedBody?.length ?? 0);
  }

  /**
   * Sends it: 200, or 304 to a request whose If-None-Match has this ETag (Express decides);
   * gzipped when the request accepts gzip over the plain form.
   */
  send(response: Response): void {
    response.status(200).set('Content-Type', 'application/json; charset=utf-8').set('ETag', this.etag);
    if (this.gzippedBody === undefined) {
      response.send(this.body);
      return;
    }
    response.vary('Accept-Encoding');
    if (response.req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      response.set('Content-Encoding', 'gzip').send(this.gzippedBody);
    } else {
      response.send(this.body);
    }
  }
}

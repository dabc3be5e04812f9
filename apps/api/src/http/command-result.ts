import { formatPosition, type AppendResult, type GlobalPosition } from '#event-store';

/**
 * What a command endpoint returns: status, headers and body, as one value, so that an
 * Idempotency-Key retry can replay exactly the same response.
 */
export class CommandResult {
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) {
    this.headers = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, headerValue(value)]));
  }

  /**
   * A command that wrote to (or left unchanged) the aggregate it names: `ETag` is the
   * stream's revision, `position` the global position written (read-your-writes).
   */
  static recorded(options: {
    status?: number;
    location?: string;
    revision: number | undefined;
    appended: AppendResult | undefined;
    /** When the command wrote to several streams: the last position it wrote. */
    position?: GlobalPosition | undefined;
    /** Answered from what an earlier request with the same Idempotency-Key recorded. */
    replayed?: boolean | undefined;
    body: Record<string, unknown>;
  }): CommandResult {
    const headers: Record<string, string> = {};
    if (options.replayed) headers['Idempotent-Replayed'] = 'true';
    if (options.revision !== undefined) headers.ETag = etag(options.revision);
    if (options.location) headers.Location = options.location;
    const position: GlobalPosition | undefined = options.position ?? options.appended?.position;
    return new CommandResult(
      options.status ?? 200,
      { ...options.body, revision: options.revision ?? null, position: position ? formatPosition(position) : null },
      headers,
    );
  }
}

export function etag(revision: number): string {
  return `"${revision}"`;
}

/**
 * A header value Node will send: what is not visible ASCII is percent-encoded. Ids are
 * checked at the edge, but the answer to a command that was recorded must never fail on
 * a header (a raw id in `Location` once turned a recorded pledge into a 500).
 */
function headerValue(value: string): string {
  return value.replace(/[^\x20-\x7e]/gu, (character) => {
    try {
      return encodeURIComponent(character);
    } catch {
      return '%EF%BF%BD'; // an unpaired surrogate: U+FFFD
    }
  });
}

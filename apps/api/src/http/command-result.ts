import { formatPosition, type AppendResult, type GlobalPosition } from '#event-store';

/**
 * What a command endpoint returns: status, headers and body, as one value, so that an
 * Idempotency-Key retry can replay exactly the same response.
 */
export class CommandResult {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {}

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
    body: Record<string, unknown>;
  }): CommandResult {
    const headers: Record<string, string> = {};
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

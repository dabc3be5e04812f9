import pg from 'pg';

/**
 * Asks whether a PostgreSQL server answers at all, on a connection of its own: what tells a
 * slow statement (the server is busy with it: wait on, up to `statement_timeout`) from a
 * silent partition (sockets open, nothing answered: give up now). Callers that ask while a
 * question is out share its answer, so a hundred hung statements cost one connection.
 */
export class ServerLiveness {
  private asking: Promise<ServerSilence | 'answers'> | undefined;

  constructor(
    private readonly connectionString: string,
    /** How long the server has to accept a connection and answer `SELECT 1`. */
    readonly timeoutMs: number,
    private readonly applicationName: string,
  ) {}

  /** 'answers', or what went wrong within `timeoutMs`. */
  check(): Promise<ServerSilence | 'answers'> {
    this.asking ??= this.ask().finally(() => {
      this.asking = undefined;
    });
    return this.asking;
  }

  private async ask(): Promise<ServerSilence | 'answers'> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: this.timeoutMs,
      application_name: `${this.applicationName} (liveness)`,
    });
    client.on('error', () => undefined); // the outcome is what check() resolves with
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<ServerSilence>((resolve) => {
      timer = setTimeout(() => resolve(new ServerSilence(`no answer to SELECT 1 on a new connection within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    const asked = (async () => {
      await client.connect();
      await client.query('SELECT 1');
      return 'answers' as const;
    })().catch((error: unknown) => new ServerSilence(`a new connection failed: ${(error as Error)?.message ?? String(error)}`));
    try {
      return await Promise.race([asked, silence]);
    } finally {
      clearTimeout(timer);
      void client.end().catch(() => undefined);
    }
  }
}

/** The server did not answer a liveness question. */
export class ServerSilence extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerSilence';
  }
}

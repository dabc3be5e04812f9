import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * Queries the service from another operating-system process, back to back, and records when
 * each request was sent and answered. The TestApp runs inside the test's own process: while
 * something blocks that process's event loop, the test cannot even send a request, so only a
 * client outside it can tell whether the service kept answering meanwhile.
 */
export interface ProbeAnswer {
  path: string;
  /** Epoch milliseconds, on the same clock as the service (same machine). */
  askedAt: number;
  answeredAt: number;
  /** HTTP status, or -1 when the request failed. */
  status: number;
  body: string;
}

const PROBE = `
const [baseUrl, token, pathsJson, pauseMs, firstJson] = process.argv.slice(1);
const paths = JSON.parse(pathsJson);
const first = firstJson ? JSON.parse(firstJson) : undefined;
let stopping = false;
process.stdin.on('end', () => { stopping = true; });
process.stdin.resume();
async function ask(method, path, body) {
  const askedAt = Date.now();
  let status = -1;
  let text = '';
  try {
    const response = await fetch(baseUrl + path, {
      method,
      headers: { authorization: 'Bearer ' + token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    text = String(error);
  }
  process.stdout.write(JSON.stringify({ path, askedAt, answeredAt: Date.now(), status, body: text }) + '\\n');
  return text;
}
(async () => {
  let id = '';
  if (first) {
    try { id = JSON.parse(await ask(first.method, first.path, first.body)).id ?? ''; } catch { id = ''; }
  }
  for (let turn = 0; !stopping; turn += 1) {
    await ask('GET', paths[turn % paths.length].replace('{id}', id));
    await new Promise((resolve) => setTimeout(resolve, Number(pauseMs)));
  }
  process.exit(0);
})();
`;

export class HttpProbe {
  private output = '';

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /**
   * Starts querying `paths` in turn, `pauseMs` apart, with the bearer `token`. With `first`,
   * sends that request first; `{id}` in a path then stands for the `id` it answered with.
   */
  static start(
    baseUrl: string,
    token: string,
    paths: readonly string[],
    options: { pauseMs?: number; first?: { method: string; path: string; body?: unknown } } = {},
  ): HttpProbe {
    const args = [baseUrl, token, JSON.stringify(paths), String(options.pauseMs ?? 5), options.first ? JSON.stringify(options.first) : ''];
    const child = spawn(process.execPath, ['-e', PROBE, ...args], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    return new HttpProbe(child);
  }

  /** What has been answered so far. */
  answers(): ProbeAnswer[] {
    // Only complete lines: the last one may still be arriving.
    const complete = this.output.slice(0, this.output.lastIndexOf('\n') + 1);
    return complete
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as ProbeAnswer);
  }

  /** Resolves once an answer satisfies `done` (or fails after `timeoutMs`). */
  async until(done: (answer: ProbeAnswer) => boolean, timeoutMs = 90_000): Promise<ProbeAnswer> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.answers().find(done);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`the probe did not get the awaited answer in ${timeoutMs} ms; it got ${this.answers().length}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Lets the request in flight finish, ends the probe process and returns every answer. */
  async stop(): Promise<ProbeAnswer[]> {
    if (this.child.exitCode === null) {
      const exited = once(this.child, 'exit');
      this.child.stdin!.end();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    return this.answers();
  }

  /** Ends the probe process at once (cleanup after a failure). */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

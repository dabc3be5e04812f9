/**
 * Downloads an export from the running service, streamed to a file, with progress:
 *
 *     npm run export -- portfolio --status active,completed --region asia-and-oceania
 *     npm run export -- funding-summary --group-by state --year 2019
 *     npm run export -- audit-trail --project PO.0143 --out po-0143.jsonl
 *     npm run export -- portfolio --role donor --out -        # what donors see, to stdout
 *
 * Options: the view's own query parameters as `--name value` (`--group-by` for groupBy,
 * `--as-of` for asOf, `--min-position` for minPosition), plus `--out FILE` (default: the name
 * the service gives the download, in the current directory; `-` for stdout), `--role auditor`
 * (default) or another role to export what that role sees, and `--url` (default
 * http://127.0.0.1:$PORT). The token is minted with the data directory's secret, like
 * `npm run import`; with an identity provider instead, pass one in EXPORT_TOKEN.
 * The file is written as FILE.partial and renamed once complete, so a cut transfer never
 * leaves a file that looks whole. Exit code: 0 done, 1 refused or cut, 2 bad invocation.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { isRole, type Role } from '#domain';
import { loadConfig } from '#runtime';
import { resolveJwtSecret } from './auth/jwt-secret.js';
import { tokenLimitsOf } from './auth/token-claims.js';
import { TokenService } from './auth/token-service.js';

/** Each export: its path, the query parameters it takes, and the format asked for. */
const EXPORTS = {
  portfolio: {
    path: () => '/portfolio',
    params: ['status', 'region', 'state', 'type', 'line', 'year', 'coverage', 'q', 'sort', 'direction', 'asOf', 'minPosition'],
    format: 'csv',
  },
  'funding-summary': {
    path: () => '/funding/summary',
    params: ['groupBy', 'status', 'region', 'state', 'type', 'line', 'year', 'coverage', 'q', 'asOf', 'minPosition'],
    format: 'csv',
  },
  'audit-trail': {
    path: (params: Map<string, string>) => (params.has('project') ? `/projects/${encodeURIComponent(params.get('project')!)}/audit-trail` : '/audit-trail'),
    params: ['project', 'actor', 'type', 'from', 'to', 'direction', 'asOf', 'minPosition'],
    format: 'jsonl',
  },
} as const;
type ExportName = keyof typeof EXPORTS;

/** How often progress is reported while the download runs. */
const PROGRESS_EVERY_MS = 1000;

interface Options {
  what: ExportName;
  params: Map<string, string>;
  out: string | undefined;
  role: Role;
  url: string | undefined;
}

function optionsOf(args: string[]): Options {
  const [what, ...rest] = args;
  if (what === undefined || !(what in EXPORTS)) usage(what === undefined ? 'which export?' : `unknown export ${what}`);
  const params = new Map<string, string>();
  let out: string | undefined;
  let role: Role = 'auditor';
  let url: string | undefined;
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) usage(`unexpected ${arg}`);
    const [flag, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? rest[++i];
    if (value === undefined) usage(`--${flag} needs a value`);
    if (flag === 'out') out = value;
    else if (flag === 'url') url = value.replace(/\/+$/, '');
    else if (flag === 'role') role = isRole(value) ? value : usage(`--role takes a role, not ${value}`);
    else {
      const name = flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
      if (!(EXPORTS[what as ExportName].params as readonly string[]).includes(name)) usage(`${what} takes no --${flag}`);
      params.set(name, value);
    }
  }
  if (what === 'funding-summary' && !params.has('groupBy')) usage('funding-summary needs --group-by region|state|type|year|line|status');
  return { what: what as ExportName, params, out, role, url };
}

function usage(problem: string): never {
  const lines = Object.entries(EXPORTS).map(([name, spec]) => `  npm run export -- ${name} ${spec.params.map((p) => `[--${p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} V]`).join(' ')}`);
  process.stderr.write(`${problem}\nusage:\n${lines.join('\n')}\n  common: [--out FILE|-] [--role auditor|donor|…] [--url http://host:port]\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const options = optionsOf(process.argv.slice(2));
  const config = loadConfig();
  const base = options.url ?? `http://127.0.0.1:${config.port}`;
  const token = process.env.EXPORT_TOKEN ?? (await mintedToken(config, options.role, base));
  const spec = EXPORTS[options.what];
  const query = new URLSearchParams([...[...options.params].filter(([name]) => name !== 'project'), ['format', spec.format]]);
  const url = `${base}${spec.path(options.params)}?${query}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } });
  } catch (error) {
    throw new Error(`no service answers on ${base} (${(error as Error).message}); start it with npm start`);
  }
  if (!response.ok || response.body === null) throw new Error(`the service refused the export: ${response.status} ${await response.text()}`);
  const out = options.out ?? suggestedName(response.headers.get('content-disposition')) ?? `${options.what}.${spec.format}`;
  const counted = await download(response.body as WebReadableStream<Uint8Array>, out);
  say({ message: 'exported', export: options.what, file: out === '-' ? 'stdout' : out, lines: counted.lines, bytes: counted.bytes, seconds: counted.seconds });
}

async function mintedToken(config: ReturnType<typeof loadConfig>, role: Role, base: string): Promise<string> {
  const secret = await resolveJwtSecret(config);
  if (secret === undefined) throw new Error(`the service on ${base} accepts its provider's tokens only: set EXPORT_TOKEN to an auditor's token`);
  return new TokenService(secret, tokenLimitsOf(config)).mint('export-command', [role]);
}

/** Streams the body to `out` (via `out.partial`), counting lines and bytes, reporting progress every second. */
async function download(body: WebReadableStream<Uint8Array>, out: string): Promise<{ lines: number; bytes: number; seconds: number }> {
  const started = Date.now();
  let lines = 0;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
      done(null, chunk);
    },
  });
  const progress = setInterval(() => say({ message: 'exporting', lines, bytes, seconds: seconds(started) }), PROGRESS_EVERY_MS);
  const partial = `${out}.partial`;
  try {
    const sink: Writable = out === '-' ? process.stdout : createWriteStream(partial);
    await pipeline(Readable.fromWeb(body), counter, sink, { end: out !== '-' });
    if (out !== '-') await rename(partial, out);
  } catch (error) {
    if (out !== '-') await rm(partial, { force: true });
    throw new Error(`the export was cut short after ${lines} lines, ${bytes} bytes: ${(error as Error).message}`);
  } finally {
    clearInterval(progress);
  }
  return { lines, bytes, seconds: seconds(started) };
}

/** The plain `filename` of a Content-Disposition (the service makes it safe ASCII). */
function suggestedName(disposition: string | null): string | undefined {
  const name = disposition === null ? undefined : /filename="([^"/\\]+)"/.exec(disposition)?.[1];
  return name === undefined || name.startsWith('.') ? undefined : name;
}

function seconds(since: number): number {
  return Math.round((Date.now() - since) / 100) / 10;
}

function say(entry: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

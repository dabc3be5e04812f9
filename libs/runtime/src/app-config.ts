import { isIP } from 'node:net';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DAC_SECTORS, formatUsd, isDacSectorCode, isTimeZone, parseUsd, policyAmountProblems, type PolicyAmount } from '#domain';

/**
 * The whole configuration, read from environment variables once at start-up and validated
 * there: a bad value stops the process with a message naming the variable.
 * Every variable and its default is documented in the README.
 */
export interface AppConfig {
  port: number;
  host: string;
  /** Where the embedded store (and its generated JWT secret) live. */
  dataDir: string;
  /** Where events are kept: PGlite in dataDir, the PostgreSQL server, or EventStoreDB. */
  eventStore: EventStoreProfile;
  /** Run the embedded store's PGlite in a worker thread of its own (docs/adr/0026); false: on the API's thread. */
  pgliteWorker: boolean;
  /** Where views and their checkpoints are kept: PGlite, the PostgreSQL server, or MongoDB. */
  readStore: ReadStoreProfile;
  /** EventStoreDB connection string (single node or cluster, TLS or not). */
  eventStoreDbConnectionString: string;
  /** MongoDB connection string (a replica set: views and checkpoints commit in transactions). */
  mongodbUrl: string;
  mongodbDatabase: string;
  /** The PostgreSQL server of the postgres profile. */
  databaseUrl: string;
  /** Connections per process to the PostgreSQL server. */
  databasePoolSize: number;
  /**
   * Append statements a process has in flight at once on the server (group commit: the
   * appends that arrive meanwhile share the next statement). Few, so that groups form and
   * one commit serves many appends (docs/adr/0027); at most the pool's size.
   */
  appendStatements: number;
  /**
   * How long the server may stay silent (ms): getting a connection, and a statement that gets
   * no answer while the server does not answer a new connection either. Past it: 503.
   */
  databaseConnectTimeoutMs: number;
  /** Longest a statement may run on a server that answers (ms; migrations are exempt). */
  databaseStatementTimeoutMs: number;
  /** Bring the schemas up to date when a process starts (else: `npm run migrate`). */
  migrateOnStart: boolean;
  /**
   * Run the projector inside the API process. Default: yes for embedded views, no for
   * views on a server, where `apps/projector` runs it as its own process.
   */
  runProjector: boolean;
  /** Port of the projector app's health and metrics endpoint. */
  projectorPort: number;
  /**
   * Port of the API's Prometheus `/metrics`, apart from the API's port so that it is not
   * public; 0: no metrics endpoint. A port in use is warned about, not fatal (README, Operations).
   */
  metricsPort: number;
  /** Where the metrics port listens: loopback unless a scraper elsewhere must reach it. */
  metricsHost: string;
  /** How long a query with `minPosition` waits for the views to reach it (ms). */
  viewWaitMs: number;
  /** Views as of an instant kept folded in memory, most recently asked first (docs/adr/0020). */
  asOfFolds: number;
  /** Events between two snapshots the as-of folds leave behind; at most `asOfSnapshots` are kept. */
  asOfSnapshotEvery: number;
  asOfSnapshots: number;
  /** How often the as-of folds follow the feed, leaving snapshots as it grows (ms); 0: only when asked. */
  asOfFollowMs: number;
  /** Events the projector applies per batch when following the feed (one commit per view each). */
  projectorBatchSize: number;
  /**
   * How often the projector looks for events appended by other processes (ms). Appends in
   * its own process wake it at once; a projector in its own process only has this.
   */
  projectorPollMs: number;
  /**
   * How long a workflow across streams (approve, cancel, close, revise, draft) may stay
   * unfinished before the process manager completes or compensates it (ms, ADR 0017).
   */
  workflowGraceMs: number;
  /** Pause between the process manager's reviews of the open workflows (ms). */
  workflowReviewMs: number;
  /** Events a rebuild applies per batch (one commit per view each). */
  rebuildBatchSize: number;
  /**
   * Documents a rebuild keeps in memory between batches, in millions of characters of JSON
   * (split between the views it rebuilds); past it, documents dropped are loaded again.
   */
  rebuildMemoryMb: number;
  /** Streams whose folded state the command side keeps in memory (0: fold on every command). */
  cachedStreams: number;
  /** From JWT_SECRET; undefined ⇒ generated once and kept in the data directory. */
  jwtSecret: string | undefined;
  /** The `aud` every token must name: tokens minted here carry it, a provider's must too. */
  jwtAudience: string;
  /** The longest lifetime (exp − iat) a token may have, in seconds. */
  jwtMaxTtlSeconds: number;
  /** An OpenID Connect provider whose tokens are accepted (discovery, or `jwksUrl` when given). */
  oidcIssuer: string | undefined;
  /** The provider's key set, when not found by discovery (needs `oidcIssuer`, the `iss` checked). */
  jwksUrl: string | undefined;
  /** Where a provider's token carries the roles: a claim name or a dotted path (`realm_access.roles`). */
  rolesClaim: string;
  /** Where a provider's token names the caller's organisation (a donor's), a claim name or a dotted path. */
  organisationClaim: string;
  /** Ceilings and floors in cents, by funding line and coverage (DOMAIN.md rule 3). */
  ceilings: Record<1 | 2, Record<'national' | 'regional' | 'global', number>>;
  floors: Record<'national' | 'regional' | 'global', number>;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** The IANA time zone of the fund's calendar: what "today" is for a command's business date (ADR 0019). */
  fundTimeZone: string;
  /**
   * Requests a minute per token subject, per client address, and answers 401 a minute per
   * client address before it is refused altogether; 0 turns a limit off. See the README's
   * "Abuse and exposure" for why the defaults are what they are.
   */
  rateLimits: { perSubject: number; perAddress: number; failedAuthentication: number };
  /**
   * Which proxies' X-Forwarded-For names the client (Express's `trust proxy`): false (the
   * socket's address), a number of hops, or the proxies' addresses and subnets.
   */
  trustProxy: false | number | string[];
  /**
   * The owner of the event tables, who runs migrations and grants the service (DATABASE_URL)
   * only what appending needs; undefined ⇒ the service's own role migrates (README, "For auditors").
   */
  migrationDatabaseUrl: string | undefined;
  /** Seconds between signed checkpoints of the event store (0: only on demand). */
  anchorIntervalSeconds: number;
  /** Where signed checkpoints are written, one JSON file each. */
  anchorDir: string;
  /** The Ed25519 private key (PEM) that signs checkpoints; undefined ⇒ no checkpoints. */
  anchorPrivateKeyFile: string | undefined;
  /** Who publishes the IATI 2.03 activity file, and the DAC sector of each thematic area (ADR 0021). */
  iati: IatiPublisher;
  /** Anonymous visitors read what a donor token reads (the public funding portal); false: sign-in needed. */
  publicPortal: boolean;
  /** The address people reach the service at (sign-in links, the OIDC redirect); default http://localhost:PORT. */
  publicUrl: string;
  /** The OpenID Connect client the web application signs in with (authorization code + PKCE); undefined: no provider sign-in in the browser. */
  oidcClientId: string | undefined;
  /** The scopes the web application asks the provider for. */
  oidcScope: string;
  /** The built web application (index.html and assets/), served by the API process. */
  webDir: string;
}

/** The reporting organisation of the IATI file (IATI organisation identifier, name, OrganisationType code). */
export interface IatiPublisher {
  reportingOrg: { ref: string; name: string; type: string };
  /** The fund, named as the funding participating organisation. */
  fundName: string;
  /** Thematic area → DAC 5-digit purpose code: the defaults with IATI_SECTORS over them. */
  sectors: Readonly<Record<string, string>>;
}

export const EVENT_STORE_PROFILES = ['embedded', 'postgres', 'eventstoredb'] as const;
export const READ_STORE_PROFILES = ['embedded', 'postgres', 'mongodb'] as const;
export type EventStoreProfile = (typeof EVENT_STORE_PROFILES)[number];
export type ReadStoreProfile = (typeof READ_STORE_PROFILES)[number];
/** The SQL engines, which both stores can use. */
export type SqlProfile = 'embedded' | 'postgres';

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);
  const config: AppConfig = {
    port: read.integer('PORT', 3000, 0, 65_535),
    host: read.text('HOST', '0.0.0.0'),
    dataDir: resolve(read.text('DATA_DIR', './data')),
    eventStore: read.oneOf('EVENT_STORE', EVENT_STORE_PROFILES, 'embedded'),
    pgliteWorker: read.boolean('PGLITE_WORKER', true),
    eventStoreDbConnectionString: read.text('EVENTSTORE_CONNECTION_STRING', 'esdb://127.0.0.1:2113?tls=false'),
    mongodbUrl: read.text('MONGODB_URL', 'mongodb://127.0.0.1:27017/?replicaSet=rs0'),
    mongodbDatabase: read.text('MONGODB_DATABASE', 'portfolio_ledger'),
    readStore: read.oneOf('READ_STORE', READ_STORE_PROFILES, 'embedded'),
    databaseUrl: read.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/portfolio_ledger'),
    databasePoolSize: read.integer('DATABASE_POOL_SIZE', 16, 1, 200),
    appendStatements: read.integer('APPEND_STATEMENTS', 2, 1, 200),
    databaseConnectTimeoutMs: read.integer('DATABASE_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
    databaseStatementTimeoutMs: read.integer('DATABASE_STATEMENT_TIMEOUT_MS', 30_000, 100, 3_600_000),
    migrateOnStart: read.boolean('MIGRATE_ON_START', true),
    runProjector: read.boolean('RUN_PROJECTOR', (env.READ_STORE ?? '').trim() === 'embedded' || (env.READ_STORE ?? '').trim() === ''),
    projectorPort: read.integer('PROJECTOR_PORT', 3001, 0, 65_535),
    metricsPort: read.integer('METRICS_PORT', 9464, 0, 65_535),
    metricsHost: read.text('METRICS_HOST', '127.0.0.1'),
    viewWaitMs: read.integer('VIEW_WAIT_MS', 5000, 0, 60_000),
    asOfFolds: read.integer('AS_OF_FOLDS', 4, 1, 64),
    asOfSnapshotEvery: read.integer('AS_OF_SNAPSHOT_EVERY', 20_000, 100, 10_000_000),
    asOfSnapshots: read.integer('AS_OF_SNAPSHOTS', 16, 2, 256),
    asOfFollowMs: read.integer('AS_OF_FOLLOW_MS', 0, 0, 3_600_000),
    projectorBatchSize: read.integer('PROJECTOR_BATCH_SIZE', 500, 1, 10_000),
    projectorPollMs: read.integer('PROJECTOR_POLL_MS', 50, 5, 60_000),
    workflowGraceMs: read.integer('WORKFLOW_GRACE_MS', 10_000, 0, 86_400_000),
    workflowReviewMs: read.integer('WORKFLOW_REVIEW_MS', 1_000, 10, 600_000),
    rebuildBatchSize: read.integer('REBUILD_BATCH_SIZE', 2_000, 1, 10_000),
    // 8, not 40: since a rebuild reads a dropped document at once (docs/adr/0013) the smaller
    // memory rebuilds as fast, with ~50 MB less at its peak (docs/adr/0014).
    rebuildMemoryMb: read.integer('REBUILD_MEMORY_MB', 8, 1, 4_000),
    cachedStreams: read.integer('CACHED_STREAMS', 10_000, 0, 10_000_000),
    jwtSecret: read.optionalSecret('JWT_SECRET'),
    jwtAudience: read.text('JWT_AUDIENCE', 'portfolio-ledger'),
    jwtMaxTtlSeconds: read.duration('JWT_MAX_TTL', '12h', 60, MAX_TOKEN_TTL_SECONDS),
    oidcIssuer: read.providerUrl('OIDC_ISSUER'),
    jwksUrl: read.providerUrl('JWKS_URL'),
    rolesClaim: read.claimPath('ROLES_CLAIM', 'roles'),
    organisationClaim: read.claimPath('ORGANISATION_CLAIM', 'organisation'),
    ceilings: {
      1: {
        national: read.usd('CEILING_LINE_1_NATIONAL', '100000.00'),
        regional: read.usd('CEILING_LINE_1_REGIONAL', '200000.00'),
        global: read.usd('CEILING_LINE_1_GLOBAL', '200000.00'),
      },
      2: {
        national: read.usd('CEILING_LINE_2_NATIONAL', '200000.00'),
        regional: read.usd('CEILING_LINE_2_REGIONAL', '300000.00'),
        global: read.usd('CEILING_LINE_2_GLOBAL', '300000.00'),
      },
    },
    floors: {
      national: read.usd('FLOOR_NATIONAL', '50000.00'),
      regional: read.usd('FLOOR_REGIONAL', '100000.00'),
      global: read.usd('FLOOR_GLOBAL', '100000.00'),
    },
    logLevel: read.oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug', 'verbose'] as const, 'log'),
    fundTimeZone: read.timeZone('FUND_TIME_ZONE', 'Europe/Zurich'),
    rateLimits: {
      perSubject: read.integer('RATE_LIMIT_PER_SUBJECT', 600_000, 0, 1_000_000_000),
      perAddress: read.integer('RATE_LIMIT_PER_ADDRESS', 600_000, 0, 1_000_000_000),
      failedAuthentication: read.integer('RATE_LIMIT_FAILED_AUTH', 20, 0, 1_000_000_000),
    },
    trustProxy: read.trustProxy('TRUST_PROXY'),
    iati: {
      reportingOrg: {
        ref: read.iatiOrganisationRef('IATI_REPORTING_ORG_REF', 'XM-DAC-47066'),
        name: read.text('IATI_REPORTING_ORG_NAME', 'International Organization for Migration'),
        type: read.oneOf('IATI_REPORTING_ORG_TYPE', IATI_ORGANISATION_TYPES, '40'),
      },
      fundName: read.text('IATI_FUND_NAME', 'IOM Development Fund'),
      sectors: read.dacSectors('IATI_SECTORS'),
    },
    migrationDatabaseUrl: env['MIGRATION_DATABASE_URL']?.trim() ? read.url('MIGRATION_DATABASE_URL', '') : undefined,
    anchorIntervalSeconds: read.text('ANCHOR_INTERVAL', '1h') === '0' ? 0 : read.duration('ANCHOR_INTERVAL', '1h', 60, 7 * 86_400),
    anchorDir: resolve(read.text('ANCHOR_DIR', resolve(read.text('DATA_DIR', './data'), 'anchors'))),
    anchorPrivateKeyFile: env['ANCHOR_PRIVATE_KEY_FILE']?.trim() ? resolve(env['ANCHOR_PRIVATE_KEY_FILE'].trim()) : undefined,
    publicPortal: read.boolean('PUBLIC_PORTAL', true),
    publicUrl: read.webAddress('PUBLIC_URL', `http://localhost:${env['PORT']?.trim() || '3000'}`),
    oidcClientId: env['OIDC_CLIENT_ID']?.trim() || undefined,
    oidcScope: read.text('OIDC_SCOPE', 'openid profile'),
    webDir: resolve(read.text('WEB_DIR', BUILT_WEB_DIR)),
  };
  if (config.oidcClientId !== undefined && config.oidcIssuer === undefined) {
    problems.push('OIDC_CLIENT_ID needs OIDC_ISSUER: the provider the web application signs in with');
  }
  if (config.jwksUrl !== undefined && config.oidcIssuer === undefined) {
    problems.push('JWKS_URL needs OIDC_ISSUER: the issuer (`iss`) the provider\'s tokens must name');
  }
  problems.push(...fundPolicyProblems(config));
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}

/** IATI OrganisationType codes (codelist of 2.03). */
const IATI_ORGANISATION_TYPES = ['10', '11', '15', '21', '22', '23', '24', '30', '40', '60', '70', '71', '72', '73', '80', '90'] as const;

/** A week: tokens always expire, and a lost one should not outlive a working week. */
/**
 * `npm run build` writes the web application to dist/web. This file runs compiled from
 * dist/libs/runtime/src (npm start) or as source from libs/runtime/src (the tests).
 */
const COMPILED_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const BUILT_WEB_DIR = basename(COMPILED_ROOT) === 'dist' ? resolve(COMPILED_ROOT, 'web') : resolve(COMPILED_ROOT, 'dist/web');
const MAX_TOKEN_TTL_SECONDS = 7 * 24 * 3600;
const DURATION_UNITS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/**
 * A lifetime such as `12h`, `30m`, `3600s` or `1d`, in seconds; undefined when it is not one.
 * One parser for JWT_MAX_TTL, `npm run token -- --ttl` and the generator's tokens.
 */
export function parseDurationSeconds(text: string): number | undefined {
  const match = /^(\d{1,9})([smhd])$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * DURATION_UNITS[match[2] as keyof typeof DURATION_UNITS];
  return seconds > 0 ? seconds : undefined;
}

/**
 * The fund policy's own rules on its amounts (the domain's policyAmountProblems), reported
 * with the variables' names: a policy that breaks them starts cleanly, then refuses every
 * command with 422 fund-policy.invalid. Amounts that did not parse are reported already.
 */
function fundPolicyProblems(config: Pick<AppConfig, 'ceilings' | 'floors'>): string[] {
  const amounts = [...Object.values(config.ceilings).flatMap((line) => Object.values(line)), ...Object.values(config.floors)];
  if (!amounts.every(Number.isSafeInteger)) return [];
  const variable = (amount: PolicyAmount) => {
    const name = amount.kind === 'ceiling' ? `CEILING_LINE_${amount.line}_${amount.coverage.toUpperCase()}` : `FLOOR_${amount.coverage.toUpperCase()}`;
    const cents = amount.kind === 'ceiling' ? config.ceilings[amount.line][amount.coverage] : config.floors[amount.coverage];
    return `${name}=${formatUsd(cents)}`;
  };
  return policyAmountProblems(config).map(({ amount, above, minimum, message }) => {
    const consequence = 'every draft, amendment and project card would be refused (422 fund-policy.invalid)';
    if (above) return `${variable(amount)} is above ${variable(above)}: a warning floor above its ceiling; ${consequence}`;
    if (minimum !== undefined) return `${variable(amount)} must be at least ${formatUsd(minimum)}; ${consequence}`;
    return `${variable(amount)} ${message}; ${consequence}`;
  });
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  text(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
      this.problems.push(`${name}=${value}: expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return parsed;
  }

  timeZone(name: string, fallback: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!isTimeZone(value)) {
      this.problems.push(`${name}=${value}: expected an IANA time zone such as Europe/Zurich or UTC`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name}=${value}: expected one of ${allowed.join(', ')}`);
      return fallback;
    }
    return value as T;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!['true', 'false'].includes(value)) {
      this.problems.push(`${name}=${value}: expected true or false`);
      return fallback;
    }
    return value === 'true';
  }

  url(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    if (!/^postgres(ql)?:\/\/.+/.test(value)) {
      this.problems.push(`${name}: expected a postgres:// connection string`);
    }
    return value;
  }

  optionalSecret(name: string): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && value.length < 32) {
      this.problems.push(`${name}: must be at least 32 characters long`);
    }
    return value;
  }

  duration(name: string, fallback: string, minSeconds: number, maxSeconds: number): number {
    const value = this.raw(name) ?? fallback;
    const seconds = parseDurationSeconds(value);
    if (seconds === undefined || seconds < minSeconds || seconds > maxSeconds) {
      this.problems.push(`${name}=${value}: expected a duration such as 12h, 30m or 3600s, from ${minSeconds}s to ${maxSeconds / 86_400}d`);
      return parseDurationSeconds(fallback)!;
    }
    return seconds;
  }

  /**
   * An https URL without query or fragment; plain http only on the loopback interface,
   * where a provider's keys cannot be swapped on the way (a local provider, tests).
   */
  /** Where people reach the service: http(s), no query or fragment, no trailing slash. */
  webAddress(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (url === undefined || !['http:', 'https:'].includes(url.protocol) || url.search !== '' || url.hash !== '' || url.username !== '') {
      this.problems.push(`${name}=${value}: expected an http:// or https:// address without query, fragment or credentials`);
      return fallback;
    }
    return value.replace(/\/+$/, '');
  }

  providerUrl(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      this.problems.push(`${name}=${value}: expected an https:// URL`);
      return undefined;
    }
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (!(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) || url.search !== '' || url.hash !== '' || url.username !== '') {
      this.problems.push(`${name}=${value}: expected an https:// URL without query, fragment or credentials (http:// only on localhost)`);
      return undefined;
    }
    return value;
  }

  claimPath(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    if (value.split('.').some((segment) => segment === '')) {
      this.problems.push(`${name}=${value}: expected a claim name or a dotted path such as realm_access.roles`);
      return fallback;
    }
    return value;
  }

  /**
   * false, a number of proxy hops, or a comma-separated list of addresses, subnets (CIDR)
   * and Express's names loopback, linklocal, uniquelocal. `true` is refused: it would trust
   * whatever address a client writes into X-Forwarded-For, and so its rate limits.
   */
  trustProxy(name: string): false | number | string[] {
    const value = this.raw(name);
    if (value === undefined || value === 'false') return false;
    if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 10) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    const valid = (entry: string) => {
      if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
      const [address, prefix, ...rest] = entry.split('/');
      const version = isIP(address ?? '');
      if (version === 0 || rest.length > 0) return false;
      return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
    };
    if (value === 'true' || !entries.every(valid)) {
      this.problems.push(
        `${name}=${value}: expected false, a number of proxy hops (1 to 10), or the proxies' addresses and subnets (e.g. loopback, 10.0.0.0/8)`,
      );
      return false;
    }
    return entries;
  }

  /**
   * An IATI organisation identifier: a registration agency prefix and the number, joined by
   * a hyphen (XM-DAC-47066). It prefixes every activity identifier, so no spaces or slashes.
   */
  iatiOrganisationRef(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    if (!/^[A-Za-z0-9]+-[A-Za-z0-9._-]+$/.test(value)) {
      this.problems.push(`${name}=${value}: expected an IATI organisation identifier such as XM-DAC-47066`);
      return fallback;
    }
    return value;
  }

  /** A JSON object of thematic area → DAC 5-digit code, laid over the defaults. */
  dacSectors(name: string): Readonly<Record<string, string>> {
    const value = this.raw(name);
    if (value === undefined) return DEFAULT_DAC_SECTORS;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
    const entries = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : undefined;
    if (entries === undefined || !entries.every(([, code]) => isDacSectorCode(code))) {
      this.problems.push(`${name}: expected a JSON object of thematic area to DAC 5-digit code, such as {"labour-migration":"16020"}`);
      return DEFAULT_DAC_SECTORS;
    }
    return { ...DEFAULT_DAC_SECTORS, ...Object.fromEntries(entries) } as Record<string, string>;
  }

  /** A USD amount as a decimal string, returned in cents (parsed by the domain's own rule). */
  usd(name: string, fallback: string): number {
    const value = this.raw(name) ?? fallback;
    try {
      return parseUsd(value, name);
    } catch {
      this.problems.push(`${name}=${value}: expected a USD amount such as 100000.00`);
      return Number.NaN;
    }
  }
}

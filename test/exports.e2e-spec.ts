import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventHash } from '#ledger';
import { csvObjects } from './support/csv.js';
import { expectProblem, staffOf, type Staff } from './support/ledger.js';
import { buildPortfolio, REASONS, viewTestPlans, type BuiltPortfolio, type ProjectPlan } from './support/portfolio-plans.js';
import { TestApp } from './support/test-app.js';
import { allPages, centsOf, GROUPINGS, read, withQuery, type Params } from './support/view-queries.js';

const run = promisify(execFile);

/**
 * The downloads end to end: the portfolio of the view tests (titles in Georgian, Arabic,
 * Russian; every status) plus a project whose title a spreadsheet would run as a formula,
 * built through the command API; then each download compared with the JSON the same reader
 * gets from the same endpoint, every page of it.
 */

/** Its English title would be a live link in a spreadsheet, and holds a comma and quotes. */
const FORMULA_TITLE = '=HYPERLINK("http://evil.example","Silk Road"), phase 2';

function plansWithAFormula(): ProjectPlan[] {
  const plans = viewTestPlans();
  const first = plans[0]!;
  const formula: ProjectPlan = { ...first, handle: 'formula', title: { en: FORMULA_TITLE, ru: 'Шёлковый путь' }, stage: 'approved' };
  delete formula.disbursements;
  delete formula.expenditures;
  return [...plans, formula];
}

let app: TestApp;
let staff: Staff;
let portfolio: BuiltPortfolio;
let at: Params;
let auditorToken: string;
let donorToken: string;

beforeAll(async () => {
  app = await TestApp.start();
  staff = await staffOf(app);
  portfolio = await buildPortfolio(staff, plansWithAFormula());
  at = { minPosition: portfolio.lastPosition };
  auditorToken = await app.token('aurelia', 'auditor');
  donorToken = await app.token('dmitri', 'donor');
});

afterAll(() => app?.stop());

interface Download {
  status: number;
  headers: Headers;
  text: string;
}

async function download(token: string, path: string, params: Params = {}, headers: Record<string, string> = {}): Promise<Download> {
  const response = await fetch(`${app.baseUrl}${withQuery(path, { ...at, ...params })}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, text: bytes.toString('utf8') };
}

/** What a spreadsheet-safe cell holds for a text: the rule of csv-writer.ts, stated again. */
function shown(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

function mainText(texts: Record<string, string>): [string, string] {
  return Object.entries(texts).find(([language]) => language === 'en') ?? Object.entries(texts)[0]!;
}

/** The cell a JSON list item must have under `column`. */
function expectedCell(item: Record<string, any>, column: string): unknown {
  switch (column) {
    case 'title':
      return shown(mainText(item.title)[1]);
    case 'titleLanguage':
      return mainText(item.title)[0];
    case 'description':
      return shown(mainText(item.description)[1]);
    case 'beneficiaryStates':
      return item.beneficiaryStates.map((state: { code: string; share: string }) => `${state.code}:${state.share}`).join(';');
    case 'draftedBy':
    case 'submittedBy':
    case 'endorsedBy':
    case 'approvedBy':
    case 'statusReason':
      return shown(item.internal?.[column] ?? '');
    default: {
      const value = item[column];
      return value === undefined || value === null ? '' : shown(String(value));
    }
  }
}

/** The row under the header, decoded: JSON columns parsed, the others as they are. */
function decoded(row: Record<string, string>): Record<string, unknown> {
  const json = new Set(['titles', 'descriptions', 'internal']);
  return Object.fromEntries(Object.entries(row).map(([column, cell]) => [column, json.has(column) ? JSON.parse(cell) : cell]));
}

function expectedRow(item: Record<string, any>, header: string[]): Record<string, unknown> {
  const json: Record<string, unknown> = { titles: item.title, descriptions: item.description, internal: item.internal };
  return Object.fromEntries(header.map((column) => [column, column in json ? json[column] : expectedCell(item, column)]));
}

describe('the portfolio as CSV', () => {
  it.each([
    ['the whole portfolio', {}],
    ['filtered and sorted', { status: 'active,approved,completed,submitted', sort: 'budget', direction: 'desc' }],
    ['a search in Russian', { q: 'миграционная' }],
  ])('is, for an auditor, the JSON list row for row: %s', async (_name, filters: Params) => {
    const json = await allPages(staff.auditor, '/portfolio', { ...at, limit: 3, ...filters });
    const csv = await download(auditorToken, '/portfolio', { ...filters, format: 'csv' });

    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const { header, rows } = csvObjects(csv.text.slice(1));
    expect(header).toEqual(expect.arrayContaining(['projectId', 'title', 'titles', 'budget', 'committed', 'deliveryRate', 'internal', 'draftedBy']));
    expect(rows.map(decoded)).toEqual(json.items.map((item) => expectedRow(item, header)));
    expect(rows.length).toBeGreaterThan(0);
  });

  it('writes money as USD decimal strings and texts in their own script', async () => {
    const { rows } = csvObjects((await download(auditorToken, '/portfolio', { format: 'csv' })).text.slice(1));
    for (const row of rows) for (const money of ['budget', 'committed', 'disbursed', 'spent', 'refunded', 'unspentBalance']) expect(row[money]).toMatch(/^\d+\.\d{2}$/);
    const georgian = rows.find((row) => row.projectId === portfolio.byHandle('georgian').projectId)!;
    expect(JSON.parse(georgian.titles!)).toEqual({ ka: 'მიგრაციის პოლიტიკა', en: 'Kyrgyz national framework' });
    const arabic = rows.find((row) => row.projectId === portfolio.byHandle('arabic').projectId)!;
    expect([arabic.titleLanguage, arabic.title]).toEqual(['ar', 'سياسة الهجرة']);
  });

  it('makes a title that would be a formula text, quoted, in the raw file', async () => {
    const csv = await download(auditorToken, '/portfolio', { format: 'csv' });
    expect(csv.text).toContain('"\'=HYPERLINK(""http://evil.example"",""Silk Road""), phase 2"');
    expect(csv.text.split('\r\n').every((line, index, lines) => index === lines.length - 1 || !line.includes('\n'))).toBe(true);
  });

  it('names the file after what it holds and when', async () => {
    const csv = await download(auditorToken, '/portfolio', { format: 'csv', status: 'active,completed', region: 'asia-and-oceania', q: 'миграционная' });
    const disposition = csv.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="portfolio-status-active\+completed-region-asia-and-oceania-q-_-as-of-\d{8}T\d{6}(\.\d{3})?Z\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toMatch(/-q-миграционная-as-of-/);
  });

  it('is the answer to Accept: text/csv too', async () => {
    const asked = await download(auditorToken, '/portfolio', { status: 'active' }, { accept: 'text/csv' });
    const formatted = await download(auditorToken, '/portfolio', { status: 'active', format: 'csv' });
    expect(asked.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(asked.text).toBe(formatted.text);
  });

  it('shows a donor the public fields of publicly listed projects only, as the donor JSON does', async () => {
    const json = await allPages(staff.donor, '/portfolio', { ...at, limit: 4 });
    const csv = await download(donorToken, '/portfolio', { format: 'csv' });
    const { header, rows } = csvObjects(csv.text.slice(1));

    for (const internal of ['internal', 'draftedAt', 'submittedAt', 'awaiting', 'awaitingSince', 'draftedBy', 'submittedBy', 'approvedBy', 'statusReason']) {
      expect(header).not.toContain(internal);
    }
    expect(rows.map(decoded)).toEqual(json.items.map((item) => expectedRow(item, header)));
    expect(rows.map((row) => row.projectId)).not.toContain(portfolio.byHandle('draft').projectId);
    expect(csv.text).not.toContain('confidential draft');
    expect(csv.text).not.toContain(REASONS.cancelled);
  });

  it('takes asOf as the JSON list does: the portfolio as it stood at that instant', async () => {
    const trail = await allPages(staff.auditor, '/audit-trail', { ...at, limit: 100 });
    const instant: string = trail.items[Math.floor(trail.items.length / 2)].recordedAt;
    const json = await allPages(staff.auditor, '/portfolio', { asOf: instant, limit: 7 });
    const csv = await download(auditorToken, '/portfolio', { asOf: instant, format: 'csv' });
    expect(csv.status).toBe(200);
    const { header, rows } = csvObjects(csv.text.slice(1));
    expect(rows.map(decoded)).toEqual(json.items.map((item) => expectedRow(item, header)));
    // And not the live list: half of the history had not happened yet.
    const live = csvObjects((await download(auditorToken, '/portfolio', { format: 'csv' })).text.slice(1));
    expect(rows.map(decoded)).not.toEqual(live.rows.map(decoded));
  });

  it('refuses a page size or a cursor: a download is the whole list', async () => {
    const reply = await staff.auditor.get('/portfolio?format=csv&limit=10');
    expectProblem(reply, 400, 'export.whole-list-only');
    expect(reply.body.errors).toEqual([{ field: 'limit', message: 'not taken by a download' }]);
  });
});

describe('the funding summary as CSV', () => {
  it.each(GROUPINGS)('by %s is the JSON summary, its groups adding up to its total', async (groupBy) => {
    const json = await read(staff.auditor, '/funding/summary', { ...at, groupBy, line: '1,2' });
    const csv = await download(auditorToken, '/funding/summary', { groupBy, line: '1,2', format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="funding-summary-by-${groupBy}-line-1\\+2-as-of-`));
    const { header, rows } = csvObjects(csv.text.slice(1));
    const keys = groupBy === 'state' ? ['state', 'label'] : [groupBy];
    const sums = ['projects', 'budget', 'committed', 'disbursed', 'spent', 'refunded', 'unspentBalance', 'deliveryRate'];
    expect(header).toEqual(['row', ...keys, ...sums]);

    const groups = rows.filter((row) => row.row === 'group');
    const [total] = rows.filter((row) => row.row === 'total');
    expect(rows.at(-1)).toBe(total);
    const asText = (value: unknown) => (value === null || value === undefined ? '' : String(value));
    expect(groups).toEqual(json.groups.map((group: Record<string, unknown>) => Object.fromEntries(header.map((column) => [column, column === 'row' ? 'group' : asText(group[column])]))));
    expect(total).toEqual(Object.fromEntries(header.map((column) => [column, column === 'row' ? 'total' : keys.includes(column) ? '' : asText(json.total[column])])));
    for (const money of ['budget', 'committed', 'disbursed', 'spent', 'refunded', 'unspentBalance']) {
      expect(groups.reduce((sum, row) => sum + centsOf(row[money]), 0)).toBe(centsOf(total![money]));
    }
  });

  it("gives a donor the donor's sums", async () => {
    const json = await read(staff.donor, '/funding/summary', { ...at, groupBy: 'status' });
    const { rows } = csvObjects((await download(donorToken, '/funding/summary', { groupBy: 'status', format: 'csv' })).text.slice(1));
    expect(rows.filter((row) => row.row === 'group').map((row) => row.status)).toEqual(json.groups.map((group: { status: string }) => group.status));
    expect(rows.at(-1)!.budget).toBe(json.total.budget);
  });
});

describe('the audit trail as JSON Lines', () => {
  const lines = (text: string) => text.split('\n').slice(0, -1).map((line) => JSON.parse(line) as Record<string, any>);
  const entryOf = ({ hash: _hash, previousHash: _previous, event: _event, ...entry }: Record<string, any>) => entry;

  it.each([
    ['across the portfolio', '/audit-trail', {}],
    ['filtered by type and actor', '/audit-trail', { type: 'ProjectApproved,ProjectSubmitted,ProjectCancelled', actor: 'arturo,bintou,fatima' }],
  ])('holds the JSON trail entries %s, each with its event as stored and a hash that verifies', async (_name, path, filters: Params) => {
    const json = await allPages(staff.auditor, path, { ...at, limit: 40, ...filters });
    const jsonl = await download(auditorToken, path, { ...filters, format: 'jsonl' });

    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(jsonl.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-trail[^"]*-as-of-\d{8}T\d{6}(\.\d{3})?Z\.jsonl"/);
    const exported = lines(jsonl.text);
    expect(exported.map(entryOf)).toEqual(json.items);
    expect(exported.length).toBeGreaterThan(10);
    for (const line of exported) {
      expect(line.event).toMatchObject({ id: line.eventId, streamId: line.streamId, revision: line.revision, position: line.position, type: line.type });
      expect(line.event.metadata).toMatchObject({ actorId: line.actorId, actorRole: line.actorRole, recordedAt: line.recordedAt, hash: line.hash, previousHash: line.previousHash });
      expect(eventHash(line.event.streamId, line.event.revision, line.event)).toBe(line.hash);
    }
  });

  it("of one project chains each event's hash to the one before, as the project's events show them", async () => {
    const project = portfolio.byHandle('georgian').projectId;
    const exported = lines((await download(auditorToken, `/projects/${project}/audit-trail`, { format: 'jsonl' })).text);
    const recorded = await read(staff.auditor, `/projects/${project}/events`, { limit: 500 });

    expect(exported.map((line) => line.revision)).toEqual(recorded.events.map((event: { revision: number }) => event.revision));
    expect(exported.map((line) => line.hash)).toEqual(recorded.events.map((event: { metadata: { hash: string } }) => event.metadata.hash));
    exported.forEach((line, index) => expect(line.previousHash).toBe(index === 0 ? '' : exported[index - 1]!.hash));
    expect(exported.at(-1)!.hash).toBe((await read(staff.auditor, `/projects/${project}/events/verification`)).lastHash);
  });

  it('is refused to a donor', async () => {
    expectProblem(await staff.donor.get('/audit-trail?format=jsonl'), 403, 'auth.role-not-allowed');
    const asked = await download(donorToken, '/audit-trail', {}, { accept: 'application/x-ndjson' });
    expect(asked.status).toBe(403);
  });
});

describe('npm run export', () => {
  it('streams each export from the running service into a file named as the service names it', async () => {
    const cli = join(process.cwd(), 'dist/apps/api/src/export.js');
    const port = new URL(app.baseUrl).port;
    const env = { ...process.env, DATA_DIR: app.config.dataDir, PORT: port, LOG_LEVEL: 'error' };
    const dir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-export-'));
    try {
      const portfolioRun = await run(process.execPath, [cli, 'portfolio', '--status', 'active,completed', '--min-position', portfolio.lastPosition], { env, cwd: dir });
      const trailRun = await run(process.execPath, [cli, 'audit-trail', '--out', join(dir, 'trail.jsonl')], { env, cwd: dir });
      await run(process.execPath, [cli, 'funding-summary', '--group-by', 'region', '--role', 'donor', '--out', join(dir, 'funding.csv')], { env, cwd: dir });

      const files = (await readdir(dir)).sort();
      expect(files).toEqual(['funding.csv', expect.stringMatching(/^portfolio-status-active\+completed-as-of-\d{8}T\d{6}(\.\d{3})?Z\.csv$/), 'trail.jsonl']);
      const portfolioFile = await readFile(join(dir, files[1]!), 'utf8');
      expect(portfolioFile).toBe((await download(auditorToken, '/portfolio', { status: 'active,completed', format: 'csv' })).text);
      expect(await readFile(join(dir, 'trail.jsonl'), 'utf8')).toBe((await download(auditorToken, '/audit-trail', { format: 'jsonl' })).text);
      expect(await readFile(join(dir, 'funding.csv'), 'utf8')).toBe((await download(donorToken, '/funding/summary', { groupBy: 'region', format: 'csv' })).text);

      const done = JSON.parse(portfolioRun.stderr.trim().split('\n').at(-1)!);
      expect(done).toMatchObject({ message: 'exported', export: 'portfolio', lines: portfolioFile.split('\r\n').length - 1, bytes: Buffer.byteLength(portfolioFile) });
      expect(JSON.parse(trailRun.stderr.trim().split('\n').at(-1)!)).toMatchObject({ message: 'exported', export: 'audit-trail' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says what the service refused, and exits 1 leaving no file', async () => {
    const cli = join(process.cwd(), 'dist/apps/api/src/export.js');
    const env = { ...process.env, DATA_DIR: app.config.dataDir, PORT: new URL(app.baseUrl).port, LOG_LEVEL: 'error' };
    const dir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-export-'));
    try {
      const failed = await run(process.execPath, [cli, 'audit-trail', '--role', 'donor'], { env, cwd: dir }).catch((error: { code: number; stderr: string }) => error);
      expect((failed as { code: number }).code).toBe(1);
      expect((failed as { stderr: string }).stderr).toContain('403');
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

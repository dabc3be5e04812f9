import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { read } from './support/view-queries.js';
import { TestApp, type Client } from './support/test-app.js';

const run = promisify(execFile);
const FIXTURES = join(process.cwd(), 'test/fixtures/import');

async function fixture(name: string): Promise<{ fileName: string; content: string }> {
  return { fileName: name, content: await readFile(join(FIXTURES, name), 'utf8') };
}

function outcomes(report: { lines: { line: number; outcome: string; code?: string }[] }): string[] {
  return report.lines.map((line) => `${line.line} ${line.outcome}${line.code ? ` ${line.code}` : ''}`);
}

describe('importing the existing portfolio (POST /imports, npm run import)', () => {
  let app: TestApp;
  let admin: Client;
  let auditor: Client;

  beforeAll(async () => {
    app = await TestApp.start();
    admin = await app.as('importer', 'admin');
    auditor = await app.as('auditor-1', 'auditor');
    // The historic envelope first: DOMAIN.md's published 2019 line 1 figure.
    expect((await admin.post('/envelopes', { year: 2019, fundingLine: 1, amount: '1479887.00' })).status).toBe(201);
  });

  afterAll(() => app?.stop());

  it('refuses the import to anyone but an admin', async () => {
    const manager = await app.as('fm-1', 'fund-manager');
    expect((await manager.post('/imports', await fixture('portfolio-en.csv'))).status).toBe(403);
  });

  it('reports in a dry run what would be recorded, and records nothing', async () => {
    const head = await app.eventStoreHead();
    const reply = await admin.post('/imports?dryRun=true', await fixture('portfolio-en.csv'));
    expect(reply.status).toBe(200);
    expect(reply.body.dryRun).toBe(true);
    expect(outcomes(reply.body)).toEqual([
      '2 recorded',
      '3 recorded',
      '4 recorded',
      '5 refused import.unknown-country',
      '6 refused import.malformed-amount',
      // The dry run carries line 2's PRIMA claim to line 7.
      '7 refused project.prima-id-taken',
      '8 recorded',
    ]);
    expect(await app.eventStoreHead()).toBe(head);
  });

  it('takes a list far larger than the 100 kB any other request body may hold', async () => {
    const [header, , , , unknownCountry] = (await fixture('portfolio-en.csv')).content.split('\n');
    const rows = Array.from({ length: 3_000 }, (_, index) => unknownCountry!.replace('PO.', `PO.9${index}`));
    const content = [header, ...rows].join('\n');
    expect(Buffer.byteLength(content)).toBeGreaterThan(300_000);
    const head = await app.eventStoreHead();
    const reply = await admin.post('/imports?dryRun=true', { fileName: 'large.csv', content });
    expect(reply.status).toBe(200);
    expect(reply.body.totals).toMatchObject({ recorded: 0, refused: 3_000 });
    expect(await app.eventStoreHead()).toBe(head);
    // Every other route keeps its limit.
    const large = await admin.post('/envelopes', { year: 2019, fundingLine: 2, amount: '1.00', reason: 'x'.repeat(300_000) });
    expect(large.status).toBe(413);
  });

  it('records each project as it stands, refuses the bad rows with their line and code, and reserves what they committed', async () => {
    const reply = await admin.post('/imports', await fixture('portfolio-en.csv'));
    expect(reply.status).toBe(200);
    expect(outcomes(reply.body)).toEqual([
      '2 recorded',
      '3 recorded',
      '4 recorded',
      '5 refused import.unknown-country',
      '6 refused import.malformed-amount',
      '7 refused project.prima-id-taken',
      '8 recorded',
    ]);
    expect(reply.body.totals).toEqual({ recorded: 4, unchanged: 0, corrected: 0, refused: 3 });
    const at = { minPosition: reply.body.position };

    // Never a made-up lifecycle: one ProjectImported, attributed to the importer and the file.
    const events = await read(auditor, '/projects/PO.0143/events');
    const items = events.items ?? events.events ?? events;
    expect(items.map((event: { type: string }) => event.type)).toEqual(['ProjectImported']);
    expect(items[0].data).toMatchObject({
      status: 'completed',
      budgetTotal: '37887.00',
      committed: '37887.00',
      disbursed: '37887.00',
      spent: '36950.25',
      plannedStartDate: '2019-01-01',
      plannedEndDate: '2020-12-31',
      beneficiaryStates: [{ code: 'KG' }],
      thematicArea: 'policy-and-legal-framework-development',
      region: 'asia-and-oceania',
      importedBy: 'importer',
      source: { fileName: 'portfolio-en.csv', sha256: reply.body.file.sha256, line: 2 },
    });

    // The views: the card, the portfolio list, the funding summary and the envelope.
    const card = await read(auditor, '/portfolio/PO.0143', at);
    expect(card).toMatchObject({ projectId: 'PO.0143', primaId: 'KG10P0501', status: 'completed', budget: '37887.00', committed: '37887.00' });
    const list = await read(auditor, '/portfolio', { ...at, limit: '50' });
    expect(list.items.map((item: { projectId: string }) => item.projectId).sort()).toEqual(['PO.0143', 'PO.0144', 'PO.0145', 'PO.0149']);
    const summary = await read(auditor, '/funding/summary', { ...at, groupBy: 'status' });
    // Committed: 37,887 + 150,000 + 120,000 (budgets) + 75,000 (closed: net disbursed).
    expect(summary.total).toMatchObject({ committed: '382887.00', disbursed: '192887.00' });
    const envelope = await read(auditor, '/envelopes/2019/1');
    expect(envelope).toMatchObject({ amount: '1479887.00', reserved: '382887.00' });
  });

  it('records nothing when the same file is imported again', async () => {
    const head = await app.eventStoreHead();
    const reply = await admin.post('/imports', await fixture('portfolio-en.csv'));
    expect(reply.body.totals).toEqual({ recorded: 0, unchanged: 4, corrected: 0, refused: 3 });
    expect(await app.eventStoreHead()).toBe(head);
    // Another importer (no shared idempotency key): the rows are compared with what is recorded.
    const other = await app.as('importer-2', 'admin');
    expect((await other.post('/imports', await fixture('portfolio-en.csv'))).body.totals).toMatchObject({ recorded: 0, unchanged: 4 });
    expect(await app.eventStoreHead()).toBe(head);
  });

  it('records a correction for a changed row, and moves the envelope by the difference', async () => {
    const original = await fixture('portfolio-en.csv');
    const changed = original.content.replace('"80,000.00","75,000.00","74,500.00"', '"80,000.00","78,000.00","74,500.00"');
    expect(changed).not.toBe(original.content);
    const reply = await admin.post('/imports', { fileName: 'portfolio-en-v2.csv', content: changed });
    expect(outcomes(reply.body).filter((line) => !line.includes('refused'))).toEqual(['2 unchanged', '3 unchanged', '4 corrected', '8 unchanged']);
    const events = await read(auditor, '/projects/PO.0145/events');
    const items = events.items ?? events.events ?? events;
    const correction = items.at(-1);
    expect(correction.type).toBe('ProjectImportCorrected');
    expect(correction.data).toMatchObject({
      before: { disbursed: '75000.00', committed: '75000.00' },
      after: { disbursed: '78000.00', committed: '78000.00' },
      committedDifference: '3000.00',
      reason: expect.stringContaining('portfolio-en-v2.csv'),
    });
    expect(await read(auditor, '/envelopes/2019/1')).toMatchObject({ reserved: '385887.00' });
  });

  it('refuses a row for a project drafted in the service', async () => {
    const manager = await app.as('fm-1', 'fund-manager');
    const drafted = await manager.post('/projects', {
      projectId: 'PO.0161',
      primaId: 'PE10P9999',
      title: { en: 'Drafted here' },
      description: { en: 'Drafted here' },
      thematicArea: 'border-management',
      coverage: 'national',
      fundingLine: 1,
      region: 'europe',
      beneficiaryStates: [{ code: 'RS' }],
      plannedStartDate: '2027-01-01',
      plannedEndDate: '2027-12-31',
      year: 2027,
      budget: { staffAndOfficeCosts: '1000.00', operationalCosts: '59000.00' },
    });
    expect(drafted.status).toBe(201);
    const head = await app.eventStoreHead();
    const reply = await admin.post('/imports', await fixture('portfolio-es.jsonl'));
    expect(outcomes(reply.body)).toEqual([
      '1 recorded',
      '2 refused import.project-not-imported',
      '3 recorded',
      '4 refused import.malformed-amount',
      '5 refused import.malformed-row',
    ]);
    expect(await app.eventStoreHead()).not.toBe(head);
    const card = await read(auditor, '/portfolio/PO.0162', { minPosition: reply.body.position });
    // Cancelled: committed is what was disbursed, the rest was released long ago.
    expect(card).toMatchObject({ status: 'cancelled', committed: '10000.00', disbursed: '10000.00' });
  });

  it('lets the lifecycle continue from the imported status', async () => {
    const finance = await app.as('fo-1', 'finance-officer');
    const reply = await finance.post('/projects/PO.0144/disbursements', { amount: '1000.00', valueDate: '2020-01-15' });
    expect(reply.status).toBeLessThan(300);
    const card = await read(auditor, '/portfolio/PO.0144', { minPosition: reply.body.position });
    expect(card).toMatchObject({ status: 'active', disbursed: '61000.00' });

    // Imported, it waits for no approver; a report submitted since does.
    const approver = await app.as('ap-1', 'approver');
    const queued = (body: { items: { projectId: string }[] }) => body.items.filter((item) => item.projectId === 'PO.0144');
    expect(queued(await read(approver, '/approval-queue', { minPosition: reply.body.position }))).toEqual([]);
    const manager = await app.as('fm-2', 'fund-manager');
    const report = await manager.post('/projects/PO.0144/reports', { reportId: 'int-1', kind: 'interim' });
    expect(report.status).toBe(200);
    expect(queued(await read(approver, '/approval-queue', { minPosition: report.body.position }))).toEqual([
      expect.objectContaining({ kind: 'report', reportId: 'int-1', submittedBy: 'fm-2', mayAct: true }),
    ]);
  });

  it('runs as npm run import in-process on a stopped service, and exits non-zero when a row is refused', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-import-'));
    try {
      const service = await TestApp.start({ dataDir });
      const opener = await service.as('admin-1', 'admin');
      expect((await opener.post('/envelopes', { year: 2019, fundingLine: 1, amount: '1479887.00' })).status).toBe(201);
      await service.stop({ removeData: false });
      const cli = join(process.cwd(), 'dist/apps/api/src/import.js');
      const env = { ...process.env, DATA_DIR: dataDir, PORT: '1', LOG_LEVEL: 'error' };
      const failed = await run(process.execPath, [cli, join(FIXTURES, 'portfolio-fr.csv'), '--as', 'm.dupont'], { env }).then(
        () => undefined,
        (error: { code: number; stdout: string }) => error,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stdout).toContain('line 2 PO.0150: recorded');
      expect(failed?.stdout).toContain('line 4 PO.0152: refused import.unknown-country');
      expect(failed?.stdout).toContain('line 5 PO.0153: refused import.status-not-importable');
      expect(failed?.stdout).toContain('2 recorded, 0 corrected, 0 unchanged, 2 refused');
      const again = await run(process.execPath, [cli, join(FIXTURES, 'portfolio-fr.csv'), '--as', 'm.dupont', '--json'], { env }).catch(
        (error: { stdout: string }) => error,
      );
      expect(JSON.parse(again.stdout).totals).toEqual({ recorded: 0, unchanged: 2, corrected: 0, refused: 2 });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

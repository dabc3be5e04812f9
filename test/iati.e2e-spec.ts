import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import type { Role } from '#domain';
import { ACTORS, ACTOR_NAMES, type ActorName } from '../apps/generator/src/actors.js';
import { usd } from '../apps/generator/src/dates-and-money.js';
import { planPortfolio } from '../apps/generator/src/portfolio-plan.js';
import { TestApp, type Client } from './support/test-app.js';

/**
 * The IATI 2.03 activity file of a generated portfolio (every status) plus imported
 * projects: valid against the official schema, and the rules the schema cannot check
 * (docs/adr/0021-iati-activity-file.md) hold for every activity.
 */
const SCHEMA_DIR = resolve(process.cwd(), '../shared/data/iati-2.03');
const SEED = 4;
const PROJECTS = 40;

describe('the IATI 2.03 activity file (GET /iati/activities.xml)', () => {
  let app: TestApp;
  let clients: Record<ActorName, Client>;
  let position = '';
  let file = '';

  const fetchXml = async (path: string, role: Role = 'donor') => {
    const response = await fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${await app.token('reader', role)}` } });
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
  };

  beforeAll(async () => {
    app = await TestApp.start();
    clients = Object.fromEntries(
      await Promise.all(ACTOR_NAMES.map(async (name) => [name, await app.as(name, ...(ACTORS[name] as readonly Role[]))] as const)),
    ) as Record<ActorName, Client>;
    const plan = planPortfolio({ seed: SEED, projects: PROJECTS });
    for (const envelope of plan.envelopes) {
      const reply = await clients.ada.post('/envelopes', { year: envelope.year, fundingLine: envelope.fundingLine, amount: usd(envelope.amount) });
      expect(reply.status).toBe(201);
    }
    for (const project of plan.projects) {
      for (const step of project.steps) {
        const reply = await clients[step.actor].post(step.path, step.body);
        if (reply.status !== step.expect) throw new Error(`${step.command} ${step.path}: ${reply.status} ${JSON.stringify(reply.body)}`);
      }
    }
    // The fund's published list, imported: completed, active and closed projects of 2019.
    const admin = await app.as('importer', 'admin');
    expect((await admin.post('/envelopes', { year: 2019, fundingLine: 1, amount: '1479887.00' })).status).toBe(201);
    const content = await readFile(join(process.cwd(), 'test/fixtures/import/portfolio-en.csv'), 'utf8');
    const imported = await admin.post('/imports', { fileName: 'portfolio-en.csv', content });
    expect(imported.status).toBe(200);
    expect(imported.body.totals.recorded).toBeGreaterThan(0);
    position = await app.eventStoreHead();
    const reply = await fetchXml(`/iati/activities.xml?minPosition=${position}`);
    expect(reply.status).toBe(200);
    expect(reply.type).toMatch(/^application\/xml/);
    file = reply.body;
  }, 300_000);

  afterAll(() => app?.stop());

  it('is valid against the official IATI 2.03 activity schema', async () => {
    if (!existsSync(join(SCHEMA_DIR, 'iati-activities-schema.xsd'))) {
      console.warn(`IATI schema validation skipped: no IATI 2.03 schema in ${SCHEMA_DIR}`);
      return;
    }
    const result = await validateXML(await schemaInput(file));
    expect(result.errors.map(({ rawMessage }) => rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('publishes every project donors see, imported ones included, and no other', async () => {
    const listed: string[] = [];
    const donor = await app.as('donor-1', 'donor');
    let cursor = '';
    do {
      const page = await donor.get(`/portfolio?limit=200&minPosition=${position}${cursor ? `&cursor=${cursor}` : ''}`);
      listed.push(...page.body.items.map((item: { projectId: string }) => item.projectId));
      cursor = page.body.nextCursor ?? '';
    } while (cursor);
    const published = activitiesOf(file).map((activity) => activity.identifier.replace(/^XM-DAC-47066-/, ''));
    expect(published.sort()).toEqual(listed.sort());
    expect(published).toEqual(expect.arrayContaining(['PO.0143', 'PO.0144', 'PO.0145']));
    // Every IATI status the lifecycle reaches past the pipeline's approval.
    expect(new Set(activitiesOf(file).map((activity) => activity.status))).toEqual(new Set(['1', '2', '3', '4', '5', '6']));
  });

  it("gives recipient percentages adding up to 100 in every activity, and budgets of at most a year inside the activity's dates", () => {
    for (const activity of activitiesOf(file)) {
      const percentages = [...activity.xml.matchAll(/<recipient-(?:country|region) [^>]*percentage="([\d.]+)"/g)].map((m) => hundredths(m[1]!));
      expect({ id: activity.identifier, total: percentages.reduce((a, b) => a + b, 0) }).toEqual({ id: activity.identifier, total: 10_000 });
      const plannedStart = activity.dates['1']!;
      const plannedEnd = activity.dates['3']!;
      for (const budget of activity.xml.matchAll(/<budget [^>]*><period-start iso-date="([\d-]+)"\/><period-end iso-date="([\d-]+)"\/>/g)) {
        const [, start, end] = budget as unknown as [string, string, string];
        expect(start <= end).toBe(true);
        expect(end < addYear(start)).toBe(true);
        expect({ id: activity.identifier, start, end, inside: start >= plannedStart && end <= plannedEnd }).toMatchObject({ inside: true });
      }
    }
  });

  it('dates every transaction from the commitment to the day the file was made, and no expenditure before the actual start', () => {
    const generatedOn = /generated-datetime="([\d-]+)T/.exec(file)![1]!;
    for (const activity of activitiesOf(file)) {
      const commitment = activity.transactions.filter((t) => t.type === '2').map((t) => t.date).sort()[0]!;
      expect(commitment).toBeDefined();
      for (const transaction of activity.transactions) {
        const where = { id: activity.identifier, ...transaction };
        expect({ ...where, afterCommitment: transaction.date >= commitment, notFuture: transaction.date <= generatedOn }).toMatchObject({ afterCommitment: true, notFuture: true });
        if (transaction.type === '4' && activity.dates['2']) expect({ ...where, afterStart: transaction.date >= activity.dates['2'] }).toMatchObject({ afterStart: true });
      }
      if (activity.dates['2']) expect(commitment <= activity.dates['2']).toBe(true);
    }
  });

  it("adds up each transaction type to the project's committed, disbursed and spent", async () => {
    const auditor = clients.aurelia;
    let negatives = 0;
    for (const activity of activitiesOf(file)) {
      const projectId = activity.identifier.replace(/^XM-DAC-47066-/, '');
      const card = (await auditor.get(`/portfolio/${encodeURIComponent(projectId)}?minPosition=${position}`)).body;
      const total = (type: string) => activity.transactions.filter((t) => t.type === type).reduce((sum, t) => sum + t.amount, 0);
      expect({ projectId, committed: total('2'), disbursed: total('3'), spent: total('4') }).toEqual({
        projectId,
        committed: hundredths(card.committed),
        disbursed: hundredths(card.disbursed),
        spent: hundredths(card.spent),
      });
      negatives += activity.transactions.filter((t) => t.amount < 0).length;
    }
    // Decommitments and refunds were published as negative values.
    expect(negatives).toBeGreaterThan(0);
  });

  it('publishes one project on its own, and nothing for a project donors do not see', async () => {
    const one = await fetchXml('/iati/activities/PO.0143.xml');
    expect(one.status).toBe(200);
    expect(activitiesOf(one.body).map((a) => a.identifier)).toEqual(['XM-DAC-47066-PO.0143']);
    if (existsSync(join(SCHEMA_DIR, 'iati-activities-schema.xsd'))) expect((await validateXML(await schemaInput(one.body))).valid).toBe(true);
    const draft = (await clients.aurelia.get(`/portfolio?status=draft&limit=1&minPosition=${position}`)).body.items[0];
    expect(draft).toBeDefined();
    expect((await fetchXml(`/iati/activities/${draft.projectId}.xml`, 'auditor')).status).toBe(404);
    expect((await fetchXml('/iati/activities/PO.9999.xml')).status).toBe(404);
  });

  it('writes titles and descriptions in every language the project has, tagged with xml:lang', () => {
    const languages = new Set(activitiesOf(file).flatMap((a) => [...a.xml.matchAll(/<narrative xml:lang="([^"]+)"/g)].map((m) => m[1])));
    expect(languages.size).toBeGreaterThan(2);
  });
});

interface PublishedActivity {
  xml: string;
  identifier: string;
  status: string;
  dates: Record<string, string>;
  transactions: { type: string; date: string; amount: number }[];
}

/** The activities of a file this service wrote (one element per line). */
function activitiesOf(xml: string): PublishedActivity[] {
  return [...xml.matchAll(/<iati-activity [\s\S]*?<\/iati-activity>/g)].map(([activity]) => ({
    xml: activity,
    identifier: /<iati-identifier>([^<]+)</.exec(activity)![1]!,
    status: /<activity-status code="(\d)"/.exec(activity)![1]!,
    dates: Object.fromEntries([...activity.matchAll(/<activity-date type="(\d)" iso-date="([\d-]+)"/g)].map((m) => [m[1]!, m[2]!])),
    transactions: [...activity.matchAll(/<transaction-type code="(\d)"\/><transaction-date iso-date="([\d-]+)"\/><value currency="USD" value-date="([\d-]+)">(-?[\d.]+)</g)].map(
      (m) => ({ type: m[1]!, date: m[2]!, amount: hundredths(m[4]!) }),
    ),
  }));
}

async function schemaInput(xml: string) {
  const file = (name: string) => readFile(join(SCHEMA_DIR, name), 'utf8').then((contents) => ({ fileName: name, contents }));
  return {
    xml: { fileName: 'activities.xml', contents: xml },
    schema: await file('iati-activities-schema.xsd'),
    preload: [await file('iati-common.xsd'), await file('xml.xsd')],
    maxMemoryPages: 16_384,
  };
}

/** "-1234.5" → -123450 */
function hundredths(amount: string): number {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -value : value;
}

/** The same day a year later (29 February → 1 March). */
function addYear(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year + 1, month - 1, day)).toISOString().slice(0, 10);
}

import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import { TestApp, type Client, type Reply } from './support/test-app.js';

/**
 * The OpenAPI document is what clients generate code from: it must describe the routes the
 * service really serves, and the answers it really gives. This compares the document with
 * the routes Express registered, and real answers with the documented statuses and schemas.
 */
type Schema = Record<string, any>;
interface Operation {
  description?: string;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** Outside the API proper: the document's own pages, and /metrics (moving to its own port). */
const NOT_DOCUMENTED = (path: string) => path.startsWith('/docs') || path === '/metrics';

/** The commands that create a resource, and only they, answer 201. */
const CREATING = ['POST /projects', 'POST /envelopes', 'POST /contributions', 'POST /code-lists/{list}/entries', 'POST /verification/anchors'];

/** Rule 13 (libs/domain: requireReason): the commands that must say why. */
const NEEDING_A_REASON = [
  '/projects/{projectId}/reject',
  '/projects/{projectId}/return',
  '/projects/{projectId}/suspend',
  '/projects/{projectId}/cancel',
  '/projects/{projectId}/transactions/{transactionId}/corrections',
  '/projects/{projectId}/budget-revisions',
  '/projects/{projectId}/budget-revisions/{requestId}/reject',
  '/projects/{projectId}/extensions',
  '/projects/{projectId}/extensions/{requestId}/reject',
  '/projects/{projectId}/reports/{reportId}/reject',
  '/envelopes/{year}/{line}/adjustments',
];

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as new (options: object) => {
  compile(schema: Schema): ((data: unknown) => boolean) & { errors?: unknown };
};

describe('the OpenAPI document', () => {
  let service: TestApp;
  let document: Document;
  let ajv: InstanceType<typeof Ajv>;

  beforeAll(async () => {
    service = await TestApp.start();
    document = (await service.anonymous().get<Document>('/docs/openapi.json')).body;
    ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  });
  afterAll(() => service.stop());

  const operations = () =>
    Object.entries(document.paths)
      .filter(([path]) => !NOT_DOCUMENTED(path))
      .flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, path, operation })));

  it('has every route the service serves, with its method and path, and no other', () => {
    const express = (service as unknown as { app: { getHttpAdapter(): { getInstance(): any } } }).app.getHttpAdapter().getInstance();
    const served = (express.router?.stack ?? express._router.stack)
      .filter((layer: any) => layer.route)
      .flatMap((layer: any) =>
        Object.keys(layer.route.methods)
          .filter((method) => method !== '_all')
          .map((method) => `${method.toUpperCase()} ${String(layer.route.path).replace(/:(\w+)/g, '{$1}')}`),
      )
      .filter((route: string) => !NOT_DOCUMENTED(route.split(' ')[1]!));
    const documented = operations().map((operation) => operation.key);
    expect(served.length).toBeGreaterThan(40);
    expect([...new Set(served)].sort()).toEqual([...new Set(documented)].sort());
  });

  it('describes every operation, with a success schema and the problems it can answer', () => {
    const gaps = operations().flatMap(({ key, operation }) => {
      const statuses = Object.keys(operation.responses);
      // A 204 (signing out) and a 303 (a sign-in link sending the browser on) have no body.
      const successes = statuses.filter((status) => status.startsWith('2') || status === '303');
      const problems = statuses.filter((status) => /^[45]/.test(status));
      return [
        ...(operation.description?.trim() ? [] : [`${key}: no description`]),
        ...(successes.length === 1 && (['204', '303'].includes(successes[0]!) ? !operation.responses[successes[0]!]!.content : oneSchema(operation.responses[successes[0]!]!.content))
          ? []
          : [`${key}: success ${successes.join(',') || 'none'} without one schema`]),
        ...(problems.length > 0 ? [] : [`${key}: no problem responses`]),
        ...problems
          .filter((status) => !operation.responses[status]!.content?.['application/problem+json'] || !/`[a-z.-]+`/.test(operation.responses[status]!.description))
          .map((status) => `${key}: ${status} is not a problem naming its codes`),
      ];
    });
    expect(gaps).toEqual([]);
  });

  it('answers 201 only where a command creates, and 200 or 202 for the other commands', () => {
    const posts = operations().filter(({ key }) => key.startsWith('POST '));
    const created = posts.filter(({ operation }) => '201' in operation.responses).map(({ key }) => key);
    expect(created.sort()).toEqual([...CREATING].sort());
    expect(posts.every(({ operation }) => ['200', '201', '202'].filter((status) => status in operation.responses).length === 1)).toBe(true);
  });

  it('marks reason required where rule 13 requires it', () => {
    const optional = NEEDING_A_REASON.filter((path) => {
      const schema = resolve(document.paths[path]!.post!.requestBody!.content['application/json']!.schema);
      return !schema.required?.includes('reason');
    });
    expect(optional).toEqual([]);
  });

  it('names only codes the README lists, with the status the README gives', () => {
    const readme = new Set([...readFileSync('README.md', 'utf8').matchAll(/^\| `([^`]+)` \| (\d{3}) \|/gm)].map((row) => `${row[1]} ${row[2]}`));
    const unlisted = operations().flatMap(({ key, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^[45]/.test(status))
        .flatMap(([status, response]) => [...response.description.matchAll(/`([a-z.-]+)`/g)].map((code) => `${code[1]} ${status}`))
        .filter((entry) => !readme.has(entry))
        .map((entry) => `${key}: ${entry}`),
    );
    expect(unlisted).toEqual([]);
  });

  it('gives the documented status and schema to real answers: created, recorded, refused, missing', async () => {
    const admin = await service.as('ada', 'admin');
    const manager = await service.as('fatima', 'fund-manager');
    const approver = await service.as('arturo', 'approver');
    const donor = await service.as('dora', 'donor');

    await conforms(admin, 'POST', '/envelopes', '/envelopes', 201, { year: 2026, fundingLine: 1, amount: '1479887.00' });
    await conforms(manager, 'POST', '/projects', '/projects', 201, draft());
    await conforms(manager, 'POST', '/projects/PO.0143/submit', '/projects/{projectId}/submit', 409, {}, 'submission.endorsement-missing');
    await conforms(manager, 'POST', '/projects/PO.0143/government-endorsements', '/projects/{projectId}/government-endorsements', 200, { state: 'KG', endorsedOn: '2026-01-15', authority: 'Ministry of Labour' });
    await conforms(manager, 'POST', '/projects/PO.0143/submit', '/projects/{projectId}/submit', 200);
    await conforms(approver, 'POST', '/projects/PO.0143/return', '/projects/{projectId}/return', 422, {}, 'reason.required');
    await conforms(approver, 'POST', '/projects/PO.0143/endorse', '/projects/{projectId}/endorse', 200);
    const approved = await conforms(approver, 'POST', '/projects/PO.0143/approve', '/projects/{projectId}/approve', 200);
    await conforms(manager, 'POST', '/projects/PO.0143/budget-revisions', '/projects/{projectId}/budget-revisions', 200, { budget: { staffAndOfficeCosts: '9000.00', operationalCosts: '30000.00' }, reason: 'More training' });
    await conforms(admin, 'POST', '/contributions', '/contributions', 201, { contributionId: 'c-de', donor: 'Germany', year: 2026, fundingLine: 1, amount: '1000.00' });
    await conforms(admin, 'POST', '/contributions/c-de/receipts', '/contributions/{contributionId}/receipts', 200, { amount: '100.00', receivedOn: '2026-02-01' });

    const fresh = `?minPosition=${encodeURIComponent(approved.body.position)}`;
    await conforms(approver, 'GET', '/projects/PO.0143', '/projects/{projectId}', 200);
    await conforms(approver, 'GET', '/projects/PO.9999', '/projects/{projectId}', 404, undefined, 'project.not-found');
    await conforms(approver, 'GET', '/projects/PO.0143?asOf=0000-01-01T00:00:00Z', '/projects/{projectId}', 400, undefined, 'request.invalid-instant');
    await conforms(manager, 'GET', '/projects/PO.0143/events', '/projects/{projectId}/events', 200);
    await conforms(approver, 'GET', '/projects/PO.0143/events/verification', '/projects/{projectId}/events/verification', 200);
    await conforms(approver, 'GET', `/portfolio${fresh}`, '/portfolio', 200);
    await conforms(approver, 'GET', `/portfolio/PO.0143${fresh}`, '/portfolio/{projectId}', 200);
    await conforms(donor, 'GET', `/portfolio/PO.0143${fresh}`, '/portfolio/{projectId}', 200);
    await conforms(approver, 'GET', `/audit-trail${fresh}&limit=5`, '/audit-trail', 200);
    await conforms(approver, 'GET', `/funding/summary${fresh}&groupBy=state`, '/funding/summary', 200);
    await conforms(approver, 'GET', `/funding/envelopes${fresh}`, '/funding/envelopes', 200);
    await conforms(approver, 'GET', '/funding/contributions', '/funding/contributions', 200);
    await conforms(approver, 'GET', '/approval-queue', '/approval-queue', 200);
    await conforms(approver, 'GET', '/envelopes/2026/1', '/envelopes/{year}/{line}', 200);
    await conforms(donor, 'GET', '/code-lists/regions', '/code-lists/{list}', 200);
    await conforms(admin, 'GET', '/admin/read-models', '/admin/read-models', 200);
    await conforms(service.anonymous(), 'GET', '/health', '/health', 200);
    await conforms(service.anonymous(), 'GET', '/approval-queue', '/approval-queue', 401, undefined, 'auth.token-missing');
    // The public portal: a visitor without a token reads the donor's view (PUBLIC_PORTAL, default true).
    await conforms(service.anonymous(), 'GET', '/portfolio', '/portfolio', 200);
  });

  /** Sends the request; its status must be documented, its body valid against the documented schema. */
  async function conforms(client: Client, method: 'GET' | 'POST', url: string, path: string, status: number, body?: unknown, code?: string): Promise<Reply> {
    const reply = method === 'GET' ? await client.get(url) : await client.post(url, body ?? {});
    const label = `${method} ${url} answered ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`;
    expect({ label, status: reply.status }).toEqual({ label, status });
    const documented = document.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
    expect({ label, documented: documented !== undefined }).toEqual({ label, documented: true });
    const mediaType = status >= 400 ? 'application/problem+json' : 'application/json';
    expect(reply.headers.get('content-type')).toContain(mediaType);
    if (code !== undefined) {
      expect(reply.body.code).toBe(code);
      expect(documented!.description).toContain(`\`${code}\``);
    }
    const validate = ajv.compile({ ...toJsonSchema(documented!.content![mediaType]!.schema), components: toJsonSchema(document.components) });
    expect({ label, valid: validate(reply.body), errors: validate.errors ?? null }).toEqual({ label, valid: true, errors: null });
    return reply;
  }

  function resolve(schema: Schema): Schema {
    return schema.$ref ? resolve(document.components.schemas[String(schema.$ref).split('/').pop()!]!) : schema;
  }
});

/** OpenAPI 3.0's `nullable` as JSON Schema says it (a type that also admits null). */
function toJsonSchema(schema: unknown): any {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { nullable, ...rest } = schema as Schema;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, key === 'example' ? value : toJsonSchema(value)]));
  return nullable ? { anyOf: [converted, { type: 'null' }] } : converted;
}

function draft() {
  return {
    projectId: 'PO.0143',
    primaId: 'KG10P0501',
    title: { en: 'Migration policy support', ru: 'Поддержка миграционной политики' },
    description: { en: 'Support to the State Migration Service of Kyrgyzstan.' },
    thematicArea: 'policy-and-legal-framework-development',
    coverage: 'national',
    fundingLine: 1,
    region: 'asia-and-oceania',
    beneficiaryStates: [{ code: 'KG' }],
    plannedStartDate: '2026-01-01',
    plannedEndDate: '2027-12-31',
    year: 2026,
    budget: { staffAndOfficeCosts: '9000.00', operationalCosts: '28887.00' },
  };
}

/** A success answers JSON, or a document of its own kind (the IATI file's XML), with a schema. */
/**
 * A success described by a schema: the JSON one where the operation also answers other
 * representations (a CSV or JSON Lines download), otherwise its only one (the IATI XML).
 */
function oneSchema(content: Record<string, { schema?: unknown }> | undefined): boolean {
  if (content?.['application/json']?.schema !== undefined) return true;
  return Object.values(content ?? {}).filter(({ schema }) => schema !== undefined).length === 1;
}

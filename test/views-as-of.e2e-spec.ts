import type { Role } from '#domain';
import { ACTORS, ACTOR_NAMES, type ActorName } from '../apps/generator/src/actors.js';
import { usd } from '../apps/generator/src/dates-and-money.js';
import { planPortfolio } from '../apps/generator/src/portfolio-plan.js';
import { TestApp, type Client } from './support/test-app.js';

/**
 * Any view as of any instant (docs/adr/0020): while a generated portfolio is built through
 * the real service, the live answer of every view is saved at several instants; afterwards,
 * each view asked with asOf=that instant must give the same answer, folded from the events
 * by the same projections.
 */
const SEED = 11;
const PROJECTS = 10;

const GROUPINGS = ['region', 'state', 'type', 'year', 'line', 'status'] as const;

/** Every view an auditor reads, as paths without the freshness or instant parameter. */
function viewPaths(projectIds: readonly string[]): string[] {
  return [
    '/portfolio?limit=50&sort=projectId',
    '/portfolio?limit=5&sort=budget&direction=desc',
    ...GROUPINGS.map((groupBy) => `/funding/summary?groupBy=${groupBy}`),
    '/funding/summary?groupBy=region&line=1',
    '/funding/envelopes',
    '/funding/contributions',
    '/approval-queue?limit=100',
    '/audit-trail?limit=100&direction=desc',
    '/audit-trail?limit=20',
    ...projectIds.map((id) => `/portfolio/${id}`),
  ];
}

/**
 * An answer without what the clock decides (how long queue items have waited) and without
 * a refusal's `instance`, the request's own path.
 */
function withoutWaiting(body: unknown): unknown {
  if (body !== null && typeof body === 'object' && 'instance' in body) {
    const { instance: _instance, ...rest } = body;
    return rest;
  }
  if (body === null || typeof body !== 'object' || !('items' in body) || !Array.isArray(body.items)) return body;
  return { ...body, items: body.items.map(({ waitingDays: _days, waitingSeconds: _seconds, ...item }: Record<string, unknown>) => item) };
}

/** Waits (without asserting anything about time) until the clock has passed `instant`, so that what is sent next is recorded after it. */
async function passed(instant: string): Promise<void> {
  while (Date.now() <= Date.parse(instant)) await new Promise((resolve) => setTimeout(resolve, 2));
}

describe('every view as of an instant, over a generated portfolio', () => {
  let app: TestApp;
  let clients: Record<ActorName, Client>;

  beforeAll(async () => {
    app = await TestApp.start();
    clients = Object.fromEntries(
      await Promise.all(ACTOR_NAMES.map(async (name) => [name, await app.as(name, ...(ACTORS[name] as readonly Role[]))] as const)),
    ) as Record<ActorName, Client>;
  });

  afterAll(() => app?.stop());

  it('answers each view as of each instant exactly as it answered live at that instant', async () => {
    const plan = planPortfolio({ seed: SEED, projects: PROJECTS });
    const auditor = clients.aurelia;
    const projectIds = plan.projects.map((project) => project.projectId);
    const donors = [...new Set(plan.contributions.map((step) => (step.body as { donor?: string }).donor).filter((donor): donor is string => donor !== undefined))];
    const donor = donors.length > 0 ? await app.donorOf('donor-as-of', donors[0]!) : undefined;
    const saved: { instant: string; answers: Map<string, unknown>; mine?: unknown }[] = [];

    let position = '';
    const save = async () => {
      const answers = new Map<string, unknown>();
      for (const path of viewPaths(projectIds)) {
        const reply = await auditor.get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`);
        answers.set(path, { status: reply.status, body: withoutWaiting(reply.body) });
      }
      const mine = donor ? (await donor.get(`/funding/my-contributions?minPosition=${position}`)).body : undefined;
      const instant = new Date().toISOString();
      saved.push({ instant, answers, mine });
      await passed(instant);
    };

    const sent = async (reply: { status: number; body: { position?: string } }, expected: number, what: string) => {
      if (reply.status !== expected) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
      position = reply.body.position ?? position;
    };
    for (const envelope of plan.envelopes) {
      await sent(await clients.ada.post('/envelopes', { year: envelope.year, fundingLine: envelope.fundingLine, amount: usd(envelope.amount) }), 201, 'envelope');
    }
    for (const step of plan.contributions) await sent(await clients[step.actor].post(step.path, step.body), step.expect, step.path);
    await save();
    const steps = plan.projects.flatMap((project) => project.steps);
    const every = Math.ceil(steps.length / 5);
    for (const [index, step] of steps.entries()) {
      await sent(await clients[step.actor].post(step.path, step.body), step.expect, `${step.command} ${step.path}`);
      if ((index + 1) % every === 0 || index === steps.length - 1) await save();
    }
    expect(saved.length).toBeGreaterThanOrEqual(5);
    // The instants saw different portfolios, and a donor's view too.
    expect(saved[0]!.answers.get('/portfolio?limit=50&sort=projectId')).not.toEqual(saved.at(-1)!.answers.get('/portfolio?limit=50&sort=projectId'));
    expect(donor).toBeDefined();

    // Asked later, in an order that is not the order they were saved in.
    for (const { instant, answers, mine } of [...saved].reverse()) {
      for (const [path, live] of answers) {
        const reply = await auditor.get(`${path}${path.includes('?') ? '&' : '?'}asOf=${instant}`);
        expect({ path, instant, answer: { status: reply.status, body: withoutWaiting(reply.body) } }).toEqual({ path, instant, answer: live });
      }
      if (donor) expect((await donor.get(`/funding/my-contributions?asOf=${instant}`)).body).toEqual(mine);
    }
  });

  it('measures how long each queue item had waited up to the instant asked for', async () => {
    const instant = new Date().toISOString();
    await passed(instant);
    const reply = await clients.aurelia.get(`/approval-queue?limit=100&asOf=${instant}`);
    expect(reply.status).toBe(200);
    for (const item of reply.body.items as { waitingSince: string; waitingSeconds: number }[]) {
      expect(item.waitingSeconds).toBe(Math.floor((Date.parse(instant) - Date.parse(item.waitingSince)) / 1000));
    }
  });

  it('shows nothing as of an instant before the first event', async () => {
    const reply = await clients.aurelia.get('/portfolio?asOf=2000-01-01T00:00:00Z');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ items: [], nextCursor: null });
  });

  it('refuses an instant in the future or not an instant, with request.invalid-instant', async () => {
    for (const asOf of ['2999-01-01T00:00:00Z', 'yesterday', '2024-02-30T00:00:00Z']) {
      const reply = await clients.aurelia.get(`/funding/summary?groupBy=year&asOf=${asOf}`);
      expect(reply.status).toBe(400);
      expect(reply.body.code).toBe('request.invalid-instant');
    }
  });
});

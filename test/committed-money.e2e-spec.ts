import type { Role } from '#domain';
import { ACTORS, ACTOR_NAMES, type ActorName } from '../apps/generator/src/actors.js';
import { usd } from '../apps/generator/src/dates-and-money.js';
import { planPortfolio } from '../apps/generator/src/portfolio-plan.js';
import { TestApp, type Client } from './support/test-app.js';

/**
 * One truth for committed money (DOMAIN.md, "Money over a project's life"; ADR 0018):
 * committed = approved budget as revised − what cancellation, closure and later refunds
 * released. So at every moment the committed total of the portfolio for a (year, line)
 * equals that envelope's reserved amount, to the cent, and after closure a project's
 * committed equals its net disbursed. Checked after every command of a generated portfolio
 * (closures with and without refunds, cancellations, revisions up and down, late refunds)
 * sent to the real service, reading both views at the command's position.
 */
const SEED = 4;
const PROJECTS = 40;

describe('committed money over a generated portfolio', () => {
  let app: TestApp;
  let clients: Record<ActorName, Client>;

  beforeAll(async () => {
    app = await TestApp.start();
    clients = Object.fromEntries(
      await Promise.all(ACTOR_NAMES.map(async (name) => [name, await app.as(name, ...(ACTORS[name] as readonly Role[]))] as const)),
    ) as Record<ActorName, Client>;
  });

  afterAll(() => app?.stop());

  it('keeps the funding summary committed equal to the envelopes reserved per (year, line) after every command', async () => {
    const plan = planPortfolio({ seed: SEED, projects: PROJECTS });
    const auditor = clients.aurelia;
    const commands: Record<string, number> = {};
    const revisions = { up: 0, down: 0 };
    let checks = 0;

    /** Both sides per `${year}-${line}`, in cents, once both views have applied `position`. */
    const figures = async (position: string) => {
      const at = `minPosition=${position}`;
      const [envelopes, line1, line2] = await Promise.all([
        auditor.get(`/funding/envelopes?${at}`),
        auditor.get(`/funding/summary?groupBy=year&line=1&${at}`),
        auditor.get(`/funding/summary?groupBy=year&line=2&${at}`),
      ]);
      for (const reply of [envelopes, line1, line2]) expect(reply.status).toBe(200);
      const reserved: Record<string, string> = {};
      for (const envelope of envelopes.body.items) reserved[`${envelope.year}-${envelope.fundingLine}`] = envelope.reserved;
      const committed: Record<string, string> = {};
      for (const [line, reply] of [[1, line1], [2, line2]] as const) {
        for (const group of reply.body.groups) committed[`${group.year}-${line}`] = group.committed;
      }
      // A (year, line) without projects yet commits nothing; one without an envelope cannot exist.
      for (const key of Object.keys(reserved)) committed[key] ??= '0.00';
      return { reserved, committed };
    };

    let position = '';
    for (const envelope of plan.envelopes) {
      const reply = await clients.ada.post('/envelopes', { year: envelope.year, fundingLine: envelope.fundingLine, amount: usd(envelope.amount) });
      expect(reply.status).toBe(201);
      position = reply.body.position;
    }

    let previous = await figures(position);
    for (const project of plan.projects) {
      for (const step of project.steps) {
        const reply = await clients[step.actor].post(step.path, step.body);
        if (reply.status !== step.expect) throw new Error(`${step.command} ${step.path}: ${reply.status} ${JSON.stringify(reply.body)}`);
        commands[step.command] = (commands[step.command] ?? 0) + 1;
        // A command that records nothing new answers without a position: the views stand.
        position = reply.body.position ?? position;

        const now = await figures(position);
        expect({ after: `${step.command} ${step.path}`, committed: now.committed }).toEqual({ after: `${step.command} ${step.path}`, committed: now.reserved });
        checks += 1;
        if (step.command === 'ApproveBudgetRevision') {
          const key = `${project.year}-${project.fundingLine}`;
          const change = cents(now.committed[key]!) - cents(previous.committed[key]!);
          if (change > 0) revisions.up += 1;
          if (change < 0) revisions.down += 1;
        }
        previous = now;
      }
    }

    // The plan exercised what the invariant is about.
    expect(commands).toEqual(expect.objectContaining({ CloseProject: expect.any(Number), CancelProject: expect.any(Number), RecordRefund: expect.any(Number) }));
    expect(revisions.up).toBeGreaterThan(0);
    expect(revisions.down).toBeGreaterThan(0);
    expect(checks).toBe(plan.projects.reduce((sum, project) => sum + project.steps.length, 0));

    // After closure (and cancellation) a project's committed is its net disbursed; its budget stays the approved one.
    const closed = (await auditor.get(`/portfolio?status=closed&limit=200&minPosition=${position}`)).body.items as Record<string, string>[];
    const cancelled = (await auditor.get(`/portfolio?status=cancelled&limit=200&minPosition=${position}`)).body.items as Record<string, string>[];
    expect(closed.length).toBe(plan.projects.filter((p) => p.stage === 'closed').length);
    expect(cancelled.length).toBe(plan.projects.filter((p) => p.stage === 'cancelled').length);
    for (const item of [...closed, ...cancelled]) {
      const planned = plan.projects.find((p) => p.projectId === item.projectId)!;
      expect({ projectId: item.projectId, committed: item.committed }).toEqual({ projectId: item.projectId, committed: item.disbursed });
      expect(cents(item.committed!)).toBe(planned.disbursed);
      expect(cents(item.unspentBalance!)).toBe(Math.max(0, planned.disbursed - planned.spent));
    }
    const refunded = [...closed, ...cancelled].filter((item) => cents(item.refunded!) > 0);
    expect(refunded.length).toBeGreaterThan(0);
  }, 240_000);
});

/** "1234.56" → 123456 (the API's amounts are never negative here). */
function cents(amount: string): number {
  const [whole, fraction = '0'] = amount.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

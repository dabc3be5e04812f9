import { isIso3166Alpha2 } from '../libs/domain/src/geography/index.js';
import { ACTORS, ACTOR_NAMES, type ActorName } from '../apps/generator/src/actors.js';
import { runPlan } from '../apps/generator/src/plan-runner.js';
import { CEILINGS, commandsOf, planPortfolio, SMALLEST_BUDGET, summarize, type Stage } from '../apps/generator/src/portfolio-plan.js';
import { TestApp } from './support/test-app.js';

/**
 * The portfolio generator (npm run generate, npm run demo): deterministic for a seed, within
 * the fund's rules, and accepted command by command by the real service.
 */
describe('the portfolio generator', () => {
  it('plans the same commands for the same seed and day, other commands for another seed', () => {
    const a = [...commandsOf(planPortfolio({ seed: 7, projects: 150, today: '2026-03-15' }))];
    const b = [...commandsOf(planPortfolio({ seed: 7, projects: 150, today: '2026-03-15' }))];
    const c = [...commandsOf(planPortfolio({ seed: 8, projects: 150, today: '2026-03-15' }))];
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it.each(['2026-01-02', '2026-06-30', '2026-12-31'])('plans proposals within the rules, in many languages, whatever the day (%s)', (today) => {
    const plan = planPortfolio({ seed: 3, projects: 400, today });
    const summary = summarize(plan);
    const stages: Stage[] = ['draft', 'submitted', 'endorsed', 'retained', 'rejected', 'approved', 'active', 'suspended', 'completed', 'closed', 'cancelled'];
    expect(Object.keys(summary.byStatus).sort()).toEqual([...stages].sort());
    expect(Object.keys(summary.byRegion).sort()).toEqual(['africa', 'asia-and-oceania', 'europe', 'global', 'latin-america-and-the-caribbean']);
    expect(Object.keys(summary.byLanguage).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ka', 'ru']);
    expect(Object.keys(summary.byCoverage).sort()).toEqual(['global', 'national', 'regional']);
    for (const command of ['RequestBudgetRevision', 'RequestNoCostExtension', 'CorrectTransaction', 'ReturnProject', 'CancelProject', 'CloseProject', 'RecordRefund']) {
      expect(summary.commandsByType).toHaveProperty(command);
    }

    for (const project of plan.projects) {
      const draft = project.steps[0]!;
      expect(draft.command).toBe('DraftProject');
      const body = draft.body as { budget: { staffAndOfficeCosts: string; operationalCosts: string }; title: Record<string, string> };
      const staff = cents(body.budget.staffAndOfficeCosts);
      const total = staff + cents(body.budget.operationalCosts);
      expect(total).toBeGreaterThanOrEqual(SMALLEST_BUDGET);
      expect(total).toBeLessThanOrEqual(CEILINGS[project.fundingLine][project.coverage]);
      expect(staff * 100).toBeLessThanOrEqual(total * 30);
      expect(total % 100).not.toBe(0);
      expect(Object.keys(body.title).length).toBeGreaterThan(0);
      if (project.coverage === 'national') expect(project.states).toHaveLength(1);
      if (project.coverage === 'regional') expect(project.states.length).toBeGreaterThanOrEqual(2);
      for (const state of project.states) expect(isIso3166Alpha2(state)).toBe(true);
      expect(project.committed).toBeLessThanOrEqual(CEILINGS[project.fundingLine][project.coverage]);
      expect(project.disbursed).toBeLessThanOrEqual(project.committed);
      // Closure and cancellation decommit what they release (ADR 0018).
      if (project.stage === 'closed' || project.stage === 'cancelled') expect(project.committed).toBe(project.disbursed);
      else expect(project.spent).toBeLessThanOrEqual(project.committed);
      // Dates the service checks against its clock are never in the future.
      for (const step of project.steps) {
        const date = (step.body as Record<string, unknown>).endorsedOn ?? (step.body as Record<string, unknown>).valueDate;
        if (typeof date === 'string') expect(date <= today).toBe(true);
      }
    }
    // Business dates (ADR 0019): each step says its day, never in the future, never before the
    // step before it; the approval comes before every value date, and a project approved in
    // an earlier year says so.
    const approvalYears = new Set<string>();
    for (const project of plan.projects) {
      const dated = project.steps.map((step) => ({ command: step.command, ...(step.body as { effectiveOn?: string; valueDate?: string }) }));
      for (const [index, step] of dated.entries()) {
        expect(step.effectiveOn! <= today).toBe(true);
        if (index > 0) expect(step.effectiveOn! >= dated[index - 1]!.effectiveOn!).toBe(true);
        if (step.valueDate !== undefined) expect(step.effectiveOn! >= step.valueDate).toBe(true);
      }
      const approval = dated.find((step) => step.command === 'ApproveProject');
      if (approval) {
        approvalYears.add(approval.effectiveOn!.slice(0, 4));
        for (const step of dated) if (step.valueDate !== undefined) expect(step.valueDate >= approval.effectiveOn!).toBe(true);
      }
    }
    expect(approvalYears.size).toBeGreaterThan(1);
    for (const step of plan.contributions) {
      const receivedOn = (step.body as { receivedOn?: string }).receivedOn;
      if (receivedOn) expect(receivedOn <= today).toBe(true);
    }
  });

  describe('sent to the real service', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await TestApp.start();
    });

    afterAll(async () => {
      await app.stop();
    });

    it('loads the demo portfolio (40 projects, seed 1) with every command accepted, as the views then show', async () => {
      const plan = planPortfolio({ seed: 1, projects: 40 });
      const tokens = Object.fromEntries(
        await Promise.all(ACTOR_NAMES.map(async (name) => [name, await app.token(name, ...ACTORS[name])] as const)),
      ) as Record<ActorName, string>;

      const result = await runPlan(plan, { baseUrl: app.baseUrl, tokens, concurrency: 8 });

      expect(result.failures).toEqual([]);
      expect(result.commands).toBe(plan.commandCount);
      const staff = await app.as('aurelia', 'auditor');
      const byStatus = await staff.get(`/funding/summary?groupBy=status&minPosition=${result.lastPosition}`);
      expect(byStatus.status).toBe(200);
      const counted = Object.fromEntries(
        (byStatus.body.groups as { status: string; projects: number }[]).map((group) => [group.status, group.projects]),
      );
      expect(counted).toEqual(summarize(plan).byStatus);
      const envelopes = await staff.get('/funding/envelopes');
      expect(envelopes.status).toBe(200);
    });
  });
});

function cents(usd: string): number {
  const [whole, fraction] = usd.split('.');
  return Number(whole) * 100 + Number(fraction);
}

import type { ProjectStatus } from '#domain';
import { uniqueIds } from './fixtures.js';
import { cents, ensureEnvelope, utcToday, type Staff } from './ledger.js';
import type { Reply } from './test-app.js';

/**
 * A small portfolio built through the real command API, described as plans: what each project
 * is (coverage, states and shares, type, line, year, region, budget with odd cents, titles in
 * several scripts) and how far its life goes (stage, money that flowed). The plans also say
 * what the views must then show, so that the view tests compute their expectations from the
 * plans instead of from the views themselves.
 */

/** How far a planned project's life goes (these plans never close one). */
export type Stage = Exclude<ProjectStatus, 'closed'>;

export interface ProjectPlan {
  /** A handle for the test ('georgian', 'regional', …). */
  handle: string;
  coverage: 'national' | 'regional' | 'global';
  /** Share in percent as the API takes it ("33.33"); omitted on every state ⇒ equal split. */
  states: { code: string; share?: string }[];
  region: string;
  type: string;
  line: 1 | 2;
  year: number;
  title: Record<string, string>;
  description: Record<string, string>;
  staffAndOfficeCosts: string;
  operationalCosts: string;
  stage: Stage;
  /** USD amounts, recorded in order by the finance officer (after the start). */
  disbursements?: string[];
  /** USD amounts, recorded in order by the fund manager (after the disbursements). */
  expenditures?: string[];
}

/** The statuses donors see (once the fund has committed money). */
export const PUBLIC_STATUSES: readonly Stage[] = ['approved', 'active', 'suspended', 'completed', 'cancelled'];
const FUNDED: readonly Stage[] = ['approved', 'active', 'suspended', 'completed', 'cancelled'];
const AWAITING: Partial<Record<Stage, 'endorsement' | 'approval'>> = {
  submitted: 'endorsement',
  endorsed: 'approval',
  retained: 'approval',
};

/** A project as built: its ids, and what every view must say about it, money in cents. */
export interface BuiltProject {
  plan: ProjectPlan;
  projectId: string;
  primaId: string;
  status: Stage;
  budget: number;
  /** After cancellation: the disbursed part, what stays reserved (ADR 0018). */
  committed: number;
  disbursed: number;
  spent: number;
  /** These plans refund nothing. */
  refunded: number;
  /** disbursed − spent, never below 0. */
  unspentBalance: number;
  /** What its envelope still holds for it (rule 12: a cancellation keeps only the disbursed part). */
  reserved: number;
  awaiting?: 'endorsement' | 'approval';
  /** Transaction ids as recorded, in order. */
  disbursementIds: string[];
  expenditureIds: string[];
}

export interface BuiltPortfolio {
  projects: BuiltProject[];
  /** The `position` of the last command response: read-your-writes for every query after it. */
  lastPosition: string;
  byHandle(handle: string): BuiltProject;
}

export const YEAR = new Date().getUTCFullYear();
export const PREVIOUS_YEAR = YEAR - 1;

/** The envelopes the plans below need, (year, line) → size. */
export const ENVELOPES: readonly { year: number; line: 1 | 2; amount: string }[] = [
  { year: PREVIOUS_YEAR, line: 1, amount: '500000.00' },
  { year: YEAR, line: 1, amount: '1479887.00' },
  { year: YEAR, line: 2, amount: '14878559.00' },
];

/**
 * The portfolio of the view tests: national and regional projects in Kyrgyzstan, Kazakhstan
 * and Tajikistan with awkward shares, titles in Georgian, Arabic and Russian, every status a
 * user meets, odd cents everywhere. The projects waiting for a decision come last, so that
 * the approval queue's order is the order they were built in.
 */
export function viewTestPlans(): ProjectPlan[] {
  return [
    {
      handle: 'georgian',
      coverage: 'national',
      states: [{ code: 'KG' }],
      region: 'asia-and-oceania',
      type: 'policy-and-legal-framework-development',
      line: 1,
      year: YEAR,
      title: { ka: 'მიგრაციის პოლიტიკა', en: 'Kyrgyz national framework' },
      description: { en: 'Support to the State Migration Service in Bishkek.' },
      staffAndOfficeCosts: '9000.00',
      operationalCosts: '28887.01',
      stage: 'active',
      disbursements: ['20000.00'],
      expenditures: ['12500.55'],
    },
    {
      handle: 'regional',
      coverage: 'regional',
      states: [
        { code: 'KG', share: '33.33' },
        { code: 'KZ', share: '33.33' },
        { code: 'TJ', share: '33.34' },
      ],
      region: 'asia-and-oceania',
      type: 'labour-migration',
      line: 2,
      year: YEAR,
      title: { en: 'Labour mobility corridors', ru: 'Трудовая мобильность в Центральной Азии' },
      description: { en: 'Bilateral labour agreements between three Central Asian states.' },
      staffAndOfficeCosts: '30000.00',
      operationalCosts: '120000.01',
      stage: 'active',
      disbursements: ['60000.00', '40000.01'],
      expenditures: ['33333.33'],
    },
    {
      handle: 'arabic',
      coverage: 'national',
      states: [{ code: 'MA' }],
      region: 'africa',
      type: 'counter-trafficking',
      line: 1,
      year: PREVIOUS_YEAR,
      title: { ar: 'سياسة الهجرة', fr: 'Stratégie nationale du Maroc' },
      description: { en: 'Victim identification guidelines for Rabat and Casablanca.' },
      staffAndOfficeCosts: '15000.00',
      operationalCosts: '45000.99',
      stage: 'completed',
      disbursements: ['60000.99'],
      expenditures: ['59000.01'],
    },
    {
      handle: 'global',
      coverage: 'global',
      states: [
        { code: 'KG', share: '20' },
        { code: 'MA', share: '30.00' },
        { code: 'MD', share: '50.00' },
      ],
      region: 'global',
      type: 'migration-environment-and-climate-change',
      line: 2,
      year: YEAR,
      title: { en: 'Climate mobility observatory' },
      description: { en: 'Cross-regional research on displacement after droughts and floods.' },
      staffAndOfficeCosts: '60000.00',
      operationalCosts: '140000.05',
      stage: 'active',
      disbursements: ['99999.99'],
      expenditures: ['12345.67'],
    },
    {
      handle: 'cancelled',
      coverage: 'national',
      states: [{ code: 'GE' }],
      region: 'europe',
      type: 'migration-and-health',
      line: 1,
      year: YEAR,
      title: { en: 'Health screening at Tbilisi airport' },
      description: { en: 'Cancelled after the ministry withdrew its counterpart staff.' },
      staffAndOfficeCosts: '18000.00',
      operationalCosts: '42000.13',
      stage: 'cancelled',
      disbursements: ['25000.00'],
    },
    {
      handle: 'suspended',
      coverage: 'national',
      states: [{ code: 'EC' }],
      region: 'latin-america-and-the-caribbean',
      type: 'labour-migration',
      line: 1,
      year: YEAR,
      title: { es: 'Movilidad laboral en Ecuador' },
      description: { en: 'Suspended during the elections.' },
      staffAndOfficeCosts: '25000.00',
      operationalCosts: '74000.19',
      stage: 'suspended',
      disbursements: ['10000.00'],
      expenditures: ['2500.25'],
    },
    {
      handle: 'approved',
      coverage: 'national',
      states: [{ code: 'KE' }],
      region: 'africa',
      type: 'research-and-assessment',
      line: 2,
      year: YEAR,
      title: { en: 'Remittance corridors study Nairobi' },
      description: { en: 'Approved, not started yet.' },
      staffAndOfficeCosts: '21000.00',
      operationalCosts: '49000.21',
      stage: 'approved',
    },
    {
      handle: 'draft',
      coverage: 'national',
      states: [{ code: 'TJ' }],
      region: 'asia-and-oceania',
      type: 'return-and-reintegration',
      line: 1,
      year: YEAR,
      title: { en: 'Reintegration counselling Dushanbe (confidential draft)' },
      description: { en: 'Not yet submitted.' },
      staffAndOfficeCosts: '10000.00',
      operationalCosts: '30000.23',
      stage: 'draft',
    },
    {
      handle: 'rejected',
      coverage: 'national',
      states: [{ code: 'UZ' }],
      region: 'asia-and-oceania',
      type: 'research-and-assessment',
      line: 2,
      year: YEAR,
      title: { en: 'Household survey Samarkand' },
      description: { en: 'Rejected: duplicates a World Bank survey.' },
      staffAndOfficeCosts: '20000.00',
      operationalCosts: '60000.11',
      stage: 'rejected',
    },
    {
      handle: 'russian',
      coverage: 'national',
      states: [{ code: 'MD' }],
      region: 'europe',
      type: 'migration-and-development',
      line: 1,
      year: YEAR,
      title: { ru: 'миграционная политика', en: 'Diaspora engagement in Chisinau' },
      description: { en: 'Waiting for endorsement.' },
      staffAndOfficeCosts: '12000.00',
      operationalCosts: '40000.07',
      stage: 'submitted',
    },
    {
      handle: 'equal-split',
      coverage: 'regional',
      states: [{ code: 'KZ' }, { code: 'UZ' }],
      region: 'asia-and-oceania',
      type: 'border-management',
      line: 1,
      year: YEAR,
      title: { en: 'Border posts modernisation' },
      description: { en: 'Waiting for approval.' },
      staffAndOfficeCosts: '30000.00',
      operationalCosts: '90000.03',
      stage: 'endorsed',
    },
    {
      handle: 'retained',
      coverage: 'national',
      states: [{ code: 'SN' }],
      region: 'africa',
      type: 'inter-governmental-dialogue-and-cooperation',
      line: 2,
      year: YEAR,
      title: { en: 'Regional consultative process Dakar' },
      description: { en: 'Retained for the next round.' },
      staffAndOfficeCosts: '15000.00',
      operationalCosts: '35000.17',
      stage: 'retained',
    },
  ];
}

export const REASONS = {
  rejected: 'Duplicates a survey funded by another donor',
  retained: 'The envelope is kept for the second round',
  suspended: 'Elections: activities paused',
  cancelled: 'The ministry withdrew its counterpart staff',
} as const;

/** The request body that drafts the plan's project. */
export function proposalOf(plan: ProjectPlan, ids = uniqueIds()) {
  return {
    ...ids,
    title: plan.title,
    description: plan.description,
    thematicArea: plan.type,
    coverage: plan.coverage,
    fundingLine: plan.line,
    region: plan.region,
    beneficiaryStates: plan.states.map((state) => (state.share === undefined ? { code: state.code } : { ...state })),
    plannedStartDate: `${plan.year}-01-01`,
    plannedEndDate: `${YEAR + 2}-12-31`,
    year: plan.year,
    budget: { staffAndOfficeCosts: plan.staffAndOfficeCosts, operationalCosts: plan.operationalCosts },
  };
}

/** Opens every envelope the plans need and builds each project through the API, in order. */
export async function buildPortfolio(staff: Staff, plans: readonly ProjectPlan[]): Promise<BuiltPortfolio> {
  let lastPosition = '';
  const positions: string[] = [];
  const ok = (reply: Reply, status = 200): Reply => {
    if (reply.status !== status) throw new Error(`expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
    if (typeof reply.body?.position === 'string') {
      lastPosition = reply.body.position;
      positions.push(lastPosition);
    }
    return reply;
  };
  for (const envelope of ENVELOPES) await ensureEnvelope(staff.admin, envelope.year, envelope.line, envelope.amount);

  const projects: BuiltProject[] = [];
  for (const plan of plans) {
    const proposal = proposalOf(plan);
    const path = `/projects/${proposal.projectId}`;
    ok(await staff.fundManager.post('/projects', proposal), 201);
    const built: BuiltProject = {
      plan,
      projectId: proposal.projectId,
      primaId: proposal.primaId,
      status: plan.stage,
      budget: cents(plan.staffAndOfficeCosts) + cents(plan.operationalCosts),
      committed: 0,
      disbursed: 0,
      spent: 0,
      refunded: 0,
      unspentBalance: 0,
      reserved: 0,
      disbursementIds: [],
      expenditureIds: [],
      ...(AWAITING[plan.stage] ? { awaiting: AWAITING[plan.stage] } : {}),
    };
    projects.push(built);
    if (plan.stage === 'draft') continue;

    // A global project needs no endorsement; the others have every state's government endorse it.
    for (const { code } of plan.coverage === 'global' ? [] : plan.states) {
      ok(
        await staff.fundManager.post(`${path}/government-endorsements`, {
          state: code,
          endorsedOn: utcToday(-30),
          authority: `Ministry of Labour (${code})`,
        }),
      );
    }
    ok(await staff.fundManager.post(`${path}/submit`));
    if (plan.stage === 'submitted') continue;
    if (plan.stage === 'rejected') {
      ok(await staff.approver.post(`${path}/reject`, { reason: REASONS.rejected }));
      continue;
    }
    ok(await staff.approver.post(`${path}/endorse`));
    if (plan.stage === 'endorsed') continue;
    if (plan.stage === 'retained') {
      ok(await staff.approver.post(`${path}/retain`, { reason: REASONS.retained }));
      continue;
    }
    ok(await staff.secondApprover.post(`${path}/approve`));
    built.committed = built.budget;
    if (plan.stage === 'approved') continue;

    ok(await staff.fundManager.post(`${path}/focal-point`, { name: 'Aibek Osmonov', organisation: 'State Migration Service' }));
    ok(await staff.fundManager.post(`${path}/start`, {}));
    for (const [index, amount] of (plan.disbursements ?? []).entries()) {
      const transactionId = `disb-${index + 1}`;
      ok(await staff.financeOfficer.post(`${path}/disbursements`, { transactionId, amount, valueDate: utcToday(), reference: `PO-${index + 1}` }));
      built.disbursed += cents(amount);
      built.disbursementIds.push(transactionId);
    }
    for (const [index, amount] of (plan.expenditures ?? []).entries()) {
      const transactionId = `exp-${index + 1}`;
      ok(await staff.fundManager.post(`${path}/expenditures`, { transactionId, amount, valueDate: utcToday() }));
      built.spent += cents(amount);
      built.expenditureIds.push(transactionId);
    }
    if (plan.stage === 'suspended') ok(await staff.approver.post(`${path}/suspend`, { reason: REASONS.suspended }));
    if (plan.stage === 'completed') ok(await staff.fundManager.post(`${path}/complete`, {}));
    if (plan.stage === 'cancelled') {
      ok(await staff.approver.post(`${path}/cancel`, { reason: REASONS.cancelled }));
      built.committed = built.disbursed; // what cancellation released is decommitted
    }
  }
  for (const project of projects) {
    project.unspentBalance = Math.max(0, project.disbursed - project.spent);
    if (!FUNDED.includes(project.status)) continue;
    project.reserved = project.committed;
  }
  return {
    projects,
    lastPosition,
    byHandle(handle: string) {
      const found = projects.find((project) => project.plan.handle === handle);
      if (!found) throw new Error(`no project planned as ${handle}`);
      return found;
    },
  };
}

/** Money of a list of built projects, summed in cents. */
export function moneyOf(projects: readonly BuiltProject[]) {
  const sum = (field: 'budget' | 'committed' | 'disbursed' | 'spent' | 'refunded' | 'unspentBalance') => projects.reduce((total, p) => total + p[field], 0);
  return {
    budget: sum('budget'),
    committed: sum('committed'),
    disbursed: sum('disbursed'),
    spent: sum('spent'),
    refunded: sum('refunded'),
    unspentBalance: sum('unspentBalance'),
  };
}

/**
 * Splits `total` cents by integer `weights` with the largest-remainder method (ties to the
 * earlier part), as DOMAIN.md describes it: written here again, independently of the domain,
 * to check the views' splits against.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((weight, index) => {
    const exact = BigInt(total) * BigInt(weight);
    return { index, whole: Number(exact / BigInt(sum)), remainder: Number(exact % BigInt(sum)) };
  });
  let left = total - parts.reduce((a, p) => a + p.whole, 0);
  for (const part of [...parts].sort((a, b) => b.remainder - a.remainder || a.index - b.index)) {
    if (left === 0) break;
    part.whole += 1;
    left -= 1;
  }
  return parts.map((part) => part.whole);
}

/**
 * The weights the plan's money is split over its states by: its shares in basis points, or,
 * when none is given, equal weights (DOMAIN.md: split exactly equally, not by rounded percentages).
 */
export function sharesOf(plan: ProjectPlan): number[] {
  if (plan.states.every((state) => state.share === undefined)) return plan.states.map(() => 1);
  return plan.states.map((state) => {
    const [whole, fraction = ''] = state.share!.split('.');
    return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  });
}

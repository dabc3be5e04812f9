import type { FundPolicy } from '../../fund/fund-policy.js';
import type { Role } from '../../shared/actor.js';
import { parseUsd, type Cents } from '../../shared/money.js';
import { DeciderSpecification } from '../../testing/decider-specification.js';
import type { ProjectCommand, ProposalFields } from '../commands.js';
import { projectDecider } from '../project-decider.js';

export const spec = DeciderSpecification.for(projectDecider);

export const usd = (amount: string): Cents => parseUsd(amount);

/** The fund's policy as DOMAIN.md describes its defaults. */
export const policy: FundPolicy = {
  ceilings: {
    1: { national: usd('100000.00'), regional: usd('200000.00'), global: usd('200000.00') },
    2: { national: usd('200000.00'), regional: usd('300000.00'), global: usd('300000.00') },
  },
  floors: { national: usd('50000.00'), regional: usd('100000.00'), global: usd('100000.00') },
  thematicAreas: [
    'counter-trafficking',
    'inter-governmental-dialogue-and-cooperation',
    'labour-migration',
    'migration-and-development',
    'migration-environment-and-climate-change',
    'migration-and-health',
    'border-management',
    'policy-and-legal-framework-development',
    'research-and-assessment',
    'return-and-reintegration',
  ],
  regions: ['africa', 'asia-and-oceania', 'europe', 'latin-america-and-the-caribbean', 'global'],
};

/** People: the drafter, a second fund manager who submits, and two approvers. */
export const DRAFTER = 'fm-aigul';
export const SUBMITTER = 'fm-bakyt';
export const APPROVER = 'ap-chen';
export const SECOND_APPROVER = 'ap-dana';

/** Business instants of the standard history (see project-history.ts) and of a command after it. */
export const AT = {
  drafted: '2019-01-10T09:00:00.000Z',
  endorsementRecorded: '2019-01-15T09:00:00.000Z',
  focalPointRecorded: '2019-01-16T09:00:00.000Z',
  submitted: '2019-01-20T09:00:00.000Z',
  endorsed: '2019-02-01T09:00:00.000Z',
  retained: '2019-02-05T09:00:00.000Z',
  approved: '2019-02-15T09:00:00.000Z',
  started: '2019-03-01T09:00:00.000Z',
  now: '2019-06-03T10:00:00.000Z',
  completed: '2020-03-31T17:00:00.000Z',
  closing: '2020-06-01T10:00:00.000Z',
} as const;

export const BUDGET = {
  staffAndOfficeCosts: usd('10000.00'),
  operationalCosts: usd('27887.00'),
};
export const TOTAL = usd('37887.00');

/** The real record PO.0143 (KG10P0501, Kyrgyzstan, USD 37,887.00), as a national proposal. */
export function proposal(overrides: Partial<ProposalFields> = {}): ProposalFields & { projectId: string } {
  return {
    projectId: 'PO.0143',
    primaId: 'KG10P0501',
    title: {
      en: 'Strengthening the migration policy framework of Kyrgyzstan',
      ru: 'Укрепление нормативной базы миграционной политики Кыргызстана',
    },
    description: {
      en: 'Support to the State Migration Service in drafting a national migration policy.',
      fr: 'Appui au Service national des migrations pour élaborer une politique migratoire.',
      ar: 'دعم دائرة الهجرة الحكومية في صياغة سياسة وطنية للهجرة.',
    },
    thematicArea: 'policy-and-legal-framework-development',
    coverage: 'national',
    fundingLine: 1,
    region: 'asia-and-oceania',
    beneficiaryStates: [{ code: 'KG' }],
    plannedStartDate: '2019-03-01',
    plannedEndDate: '2020-03-31',
    year: 2019,
    budget: { ...BUDGET },
    ...overrides,
  };
}

/** A regional proposal in Central Asia, for the rules that depend on coverage. */
export function regionalProposal(overrides: Partial<ProposalFields> = {}): ProposalFields & { projectId: string } {
  return proposal({
    coverage: 'regional',
    beneficiaryStates: [{ code: 'KG' }, { code: 'KZ' }, { code: 'TJ' }],
    budget: { staffAndOfficeCosts: usd('30000.00'), operationalCosts: usd('120000.00') },
    ...overrides,
  });
}

type CommandType = ProjectCommand['type'];
export type CommandOf<T extends CommandType> = Extract<ProjectCommand, { type: T }>;

const NEEDS_POLICY: readonly CommandType[] = ['DraftProject', 'AmendDraft', 'RequestBudgetRevision', 'ApproveBudgetRevision'];

export interface CommandOptions {
  by?: string;
  at?: string;
  reason?: string;
  policy?: FundPolicy;
}

function roleOf(id: string): Role {
  return id.startsWith('ap-') ? 'approver' : 'fund-manager';
}

/** Any project command, sent by the drafter at AT.now unless told otherwise. */
export function command<T extends CommandType>(type: T, data: CommandOf<T>['data'], options: CommandOptions = {}): CommandOf<T> {
  const by = options.by ?? DRAFTER;
  return {
    type,
    data,
    context: { actor: { id: by, role: roleOf(by) }, at: options.at ?? AT.now },
    ...(options.reason === undefined ? {} : { reason: options.reason }),
    ...(NEEDS_POLICY.includes(type) ? { policy: options.policy ?? policy } : {}),
  } as unknown as CommandOf<T>;
}

/** The same command with a different `at`. */
export function at<C extends ProjectCommand>(instant: string, cmd: C): C {
  return { ...cmd, context: { ...cmd.context, at: instant } };
}

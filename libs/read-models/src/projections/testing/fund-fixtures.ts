import {
  cents,
  DEFAULT_CODE_LISTS,
  makeFundPolicy,
  projectDecider,
  projectStreamId,
  type Actor,
  type Cents,
  type ProjectCommand,
  type ProposalFields,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import type { TestFeed } from './test-feed.js';

/** The fund's default policy, with the default code lists. */
export const policy = makeFundPolicy({
  thematicAreas: DEFAULT_CODE_LISTS['thematic-areas'].map((entry) => entry.code),
  regions: DEFAULT_CODE_LISTS.regions.map((entry) => entry.code),
});

/** The people of the specs: two fund managers (four eyes), two approvers, finance, an admin. */
export const people = {
  drafter: { id: 'fm-aigul', role: 'fund-manager' },
  submitter: { id: 'fm-bakyt', role: 'fund-manager' },
  approver: { id: 'ap-chen', role: 'approver' },
  secondApprover: { id: 'ap-dana', role: 'approver' },
  finance: { id: 'fo-erlan', role: 'finance-officer' },
  admin: { id: 'ad-farida', role: 'admin' },
} as const satisfies Record<string, Actor>;

/** The real record PO.0143 (KG10P0501, Kyrgyzstan, USD 37,887.00), titled in four scripts. */
export function proposal(overrides: Partial<ProposalFields> = {}): ProposalFields {
  return {
    primaId: 'KG10P0501',
    title: {
      en: 'Strengthening the migration policy framework of Kyrgyzstan',
      ru: 'Миграция: укрепление нормативной базы Кыргызстана',
      ka: 'მიგრაცია და განვითარება',
    },
    description: {
      en: 'Support to the State Migration Service in drafting a national migration policy.',
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
    budget: { staffAndOfficeCosts: usd(10_000), operationalCosts: usd(27_887) },
    ...overrides,
  };
}

/** Whole dollars as cents (fixtures only: amounts with cents are written in cents). */
export function usd(dollars: number): Cents {
  return cents(dollars * 100);
}

type CommandType = ProjectCommand['type'];
type CommandOf<T extends CommandType> = Extract<ProjectCommand, { type: T }>;
const NEEDS_POLICY: ReadonlySet<CommandType> = new Set(['DraftProject', 'AmendDraft', 'RequestBudgetRevision', 'ApproveBudgetRevision']);

export interface Sent {
  by?: Actor;
  at?: string;
  reason?: string;
}

/**
 * One project's life, told through the real project decider: each step is a command, and
 * what the decider decides is recorded on the feed.
 */
export class ProjectStory {
  constructor(
    readonly feed: TestFeed,
    readonly projectId = 'PO.0143',
  ) {}

  get streamId(): string {
    return projectStreamId(this.projectId);
  }

  send<T extends CommandType>(type: T, data: CommandOf<T>['data'], sent: Sent = {}): RecordedEvent[] {
    const command = {
      type,
      data,
      context: { actor: sent.by ?? people.drafter, at: sent.at ?? '2019-06-03T10:00:00.000Z' },
      ...(sent.reason === undefined ? {} : { reason: sent.reason }),
      ...(NEEDS_POLICY.has(type) ? { policy } : {}),
    } as unknown as ProjectCommand;
    return this.feed.decide(projectDecider, this.streamId, command);
  }

  draft(overrides: Partial<ProposalFields> = {}, at = '2019-01-10T09:00:00.000Z'): this {
    this.send('DraftProject', { projectId: this.projectId, ...proposal(overrides) }, { at });
    return this;
  }

  /** Records every beneficiary state's government endorsement and the focal point. */
  prepare(states: readonly string[] = ['KG'], at = '2019-01-15T09:00:00.000Z'): this {
    for (const state of states) {
      this.send('RecordGovernmentEndorsement', { state, endorsedOn: '2019-01-14', authority: 'Ministry of Labour' }, { at });
    }
    this.send('RecordFocalPoint', { name: 'Nurlan Abdyldaev', organisation: 'State Migration Service', email: 'n.a@example.kg' }, { at });
    return this;
  }

  submit(at = '2019-01-20T09:00:00.000Z'): this {
    this.send('SubmitProject', {}, { by: people.submitter, at });
    return this;
  }

  endorse(at = '2019-02-01T09:00:00.000Z'): this {
    this.send('EndorseProject', {}, { by: people.approver, at });
    return this;
  }

  retain(at = '2019-02-05T09:00:00.000Z'): this {
    this.send('RetainProject', {}, { by: people.approver, at, reason: 'The 2019 envelope is fully reserved' });
    return this;
  }

  approve(at = '2019-02-15T09:00:00.000Z'): this {
    this.send('ApproveProject', {}, { by: people.approver, at });
    return this;
  }

  start(at = '2019-03-01T09:00:00.000Z'): this {
    this.send('StartImplementation', { actualStartDate: '2019-03-01' }, { at });
    return this;
  }

  /** Drafted, prepared, submitted, endorsed, approved and started. */
  active(overrides: Partial<ProposalFields> = {}, states: readonly string[] = ['KG']): this {
    return this.draft(overrides).prepare(states).submit().endorse().approve().start();
  }

  /** Recorded on its value date unless `at` says it was keyed in later. */
  disburse(transactionId: string, amount: number, valueDate = '2019-03-05', at = `${valueDate}T12:00:00.000Z`): this {
    this.send('RecordDisbursement', { transactionId, amount: cents(amount), valueDate }, { by: people.finance, at });
    return this;
  }

  spend(transactionId: string, amount: number, valueDate = '2019-04-05'): this {
    this.send('RecordExpenditure', { transactionId, amount: cents(amount), valueDate }, { by: people.finance, at: `${valueDate}T12:00:00.000Z` });
    return this;
  }
}

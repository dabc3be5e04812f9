import type { Decider } from '../../shared/decider.js';
import { DomainError, type FieldError } from '../../shared/domain-error.js';
import { addCents, cents, formatUsd, subtractCents, type Cents } from '../../shared/money.js';
import type { FundingLine } from '../../project/commands.js';
import { assertNotBeforeLatestStep, businessDateOf, effectiveOnOf, todayOf, type LatestStep } from '../../calendar/business-date.js';
import { isCalendarDate } from '../../calendar/calendar-date.js';
import { clientIdErrors, fundStampOf, fundingPeriodErrors, refuseIfInvalid, requirePositiveCents, textErrors } from '../fund-command.js';
import {
  CONTRIBUTION_DONOR_MAX_LENGTH,
  type ContributionCommand,
  type PledgeContribution,
  type RecordContributionReceipt,
} from './contribution-commands.js';
import type { ContributionEvent } from './contribution-events.js';

/**
 * A donor's contribution: pledged once, then received in one or more receipts. Both sums are
 * kept; which one counts toward totals is a view's concern (only received money does).
 */
export interface ContributionState {
  status: 'none' | 'pledged';
  contributionId: string | null;
  donor: string | null;
  year: number | null;
  fundingLine: FundingLine | null;
  earmarkedRegion: string | null;
  pledged: Cents;
  received: Cents;
  receiptIds: string[];
  /** The last step (the pledge or a receipt) and its business date: a receipt is never dated before it. */
  latestStep?: LatestStep;
}

type PledgedContribution = ContributionState & {
  status: 'pledged';
  contributionId: string;
  donor: string;
  year: number;
  fundingLine: FundingLine;
};

/** What the donor promised and has not yet paid. */
export function outstandingPledge(state: ContributionState): Cents {
  return subtractCents(state.pledged, state.received);
}

function initialState(): ContributionState {
  return {
    status: 'none',
    contributionId: null,
    donor: null,
    year: null,
    fundingLine: null,
    earmarkedRegion: null,
    pledged: cents(0),
    received: cents(0),
    receiptIds: [],
  };
}

function evolve(state: ContributionState, event: ContributionEvent): ContributionState {
  switch (event.type) {
    case 'ContributionPledged': {
      const { contributionId, donor, year, fundingLine, earmarkedRegion, amount } = event.data;
      return {
        ...initialState(),
        status: 'pledged',
        contributionId,
        donor,
        year,
        fundingLine,
        earmarkedRegion: earmarkedRegion ?? null,
        pledged: amount,
        latestStep: { type: event.type, effectiveOn: effectiveOnOf(event.data) },
      };
    }
    case 'ContributionReceived':
      return {
        ...state,
        received: event.data.receivedAfter,
        receiptIds: [...state.receiptIds, event.data.receiptId],
        latestStep: { type: event.type, effectiveOn: effectiveOnOf(event.data) },
      };
  }
}

function decide(command: ContributionCommand, state: ContributionState): ContributionEvent[] {
  businessDateOf(command.context);
  switch (command.type) {
    case 'PledgeContribution':
      return pledge(command, state);
    case 'RecordContributionReceipt':
      return recordReceipt(command, state);
  }
}

function pledge(command: PledgeContribution, state: ContributionState): ContributionEvent[] {
  const { contributionId, donor, year, fundingLine, amount, earmarkedRegion } = command.data;
  requirePositiveCents(amount);
  const errors: FieldError[] = [
    ...clientIdErrors(contributionId, 'contributionId'),
    ...textErrors(donor, 'donor', CONTRIBUTION_DONOR_MAX_LENGTH),
    ...fundingPeriodErrors(year, fundingLine),
  ];
  if (earmarkedRegion !== undefined && !command.regions.includes(earmarkedRegion)) {
    errors.push({ field: 'earmarkedRegion', message: `must be one of the regions: ${command.regions.join(', ')}` });
  }
  refuseIfInvalid('contribution.invalid', 'the pledge is invalid', errors);
  if (state.status !== 'none') {
    const detail = `contribution ${contributionId} is already pledged`;
    throw new DomainError('contribution.already-pledged', detail, 'conflict');
  }
  const facts = {
    contributionId,
    donor: donor.trim(),
    year,
    fundingLine,
    ...(earmarkedRegion === undefined ? {} : { earmarkedRegion }),
    ...fundStampOf(command.context),
  };
  return [{ type: 'ContributionPledged', data: { ...facts, amount } }];
}

function recordReceipt(command: RecordContributionReceipt, state: ContributionState): ContributionEvent[] {
  if (state.status !== 'pledged') {
    throw new DomainError('contribution.not-found', 'no pledge was recorded for this contribution', 'not-found');
  }
  const contribution = state as PledgedContribution;
  assertNotBeforeLatestStep(businessDateOf(command.context), contribution.latestStep);
  const { receiptId, amount, receivedOn } = command.data;
  requirePositiveCents(amount);
  const today = todayOf(command.context);
  const errors: FieldError[] = clientIdErrors(receiptId, 'receiptId');
  if (!isCalendarDate(receivedOn)) {
    errors.push({ field: 'receivedOn', message: 'must be a date written YYYY-MM-DD' });
  } else if (receivedOn > today) {
    // Money cannot be recorded as received on a day that has not come yet.
    errors.push({ field: 'receivedOn', message: `must not be after ${today}` });
  }
  refuseIfInvalid('contribution.invalid', 'the receipt is invalid', errors);
  if (contribution.receiptIds.includes(receiptId)) {
    throw new DomainError('contribution.duplicate-receipt', `receipt ${receiptId} is already recorded`, 'conflict');
  }
  const outstanding = outstandingPledge(contribution);
  if (amount > outstanding) {
    throw new DomainError(
      'contribution.exceeds-pledge',
      `contribution ${contribution.contributionId} has USD ${formatUsd(outstanding)} of its pledge outstanding; ` +
        `USD ${formatUsd(amount)} cannot be received against it`,
      'conflict',
    );
  }
  const { contributionId, donor, year, fundingLine, earmarkedRegion } = contribution;
  return [
    {
      type: 'ContributionReceived',
      data: {
        contributionId,
        donor,
        year,
        fundingLine,
        ...(earmarkedRegion === null ? {} : { earmarkedRegion }),
        ...fundStampOf(command.context),
        receiptId,
        amount,
        receivedOn,
        receivedAfter: addCents(contribution.received, amount),
      },
    },
  ];
}

export const contributionDecider: Decider<ContributionCommand, ContributionEvent, ContributionState> = {
  initialState,
  evolve,
  decide,
};

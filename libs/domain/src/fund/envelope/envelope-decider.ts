import type { Decider } from '../../shared/decider.js';
import { DomainError } from '../../shared/domain-error.js';
import { addCents, cents, formatUsd, subtractCents, type Cents } from '../../shared/money.js';
import { PersistentRecord } from '../../shared/persistent-record.js';
import { businessDateOf } from '../../calendar/business-date.js';
import type { FundingLine } from '../../project/commands.js';
import {
  fundStampOf,
  fundingPeriodErrors,
  refuseIfInvalid,
  requireNonNegativeCents,
  requirePositiveCents,
} from '../fund-command.js';
import { requireReason } from '../../project/rules/reason.js';
import type { AdjustEnvelope, EnvelopeCommand, OpenEnvelope, ReleaseFunds, ReserveFunds } from './envelope-commands.js';
import type { EnvelopeEvent } from './envelope-events.js';

/** The funding envelope of one (year, funding line). `year` and `fundingLine` are null until opened. */
export interface EnvelopeState {
  status: 'none' | 'open';
  year: number | null;
  fundingLine: FundingLine | null;
  amount: Cents;
  /** Sum of `reservedByProject`; never above `amount` (rule 7). */
  reserved: Cents;
  /**
   * Project id → what that project holds; a project whose holding falls to zero is dropped.
   * A PersistentRecord: it grows with every approval of the year, and is not copied whole
   * on each one. As JSON it is a plain object.
   */
  reservedByProject: PersistentRecord<Cents>;
}

type OpenedEnvelope = EnvelopeState & { status: 'open'; year: number; fundingLine: FundingLine };

/** What is left to reserve. */
export function availableInEnvelope(state: EnvelopeState): Cents {
  return subtractCents(state.amount, state.reserved);
}

/** What one project holds in the envelope (0 when nothing). */
export function reservedForProject(state: EnvelopeState, projectId: string): Cents {
  return state.reservedByProject.get(projectId) ?? cents(0);
}

function initialState(): EnvelopeState {
  return { status: 'none', year: null, fundingLine: null, amount: cents(0), reserved: cents(0), reservedByProject: PersistentRecord.empty() };
}

function withHolding(state: EnvelopeState, projectId: string, holding: Cents, reserved: Cents): EnvelopeState {
  const holdings = holding > 0 ? state.reservedByProject.with(projectId, holding) : state.reservedByProject.without(projectId);
  return { ...state, reserved, reservedByProject: holdings };
}

function evolve(state: EnvelopeState, event: EnvelopeEvent): EnvelopeState {
  switch (event.type) {
    case 'EnvelopeOpened': {
      const { year, fundingLine, amount } = event.data;
      return { ...initialState(), status: 'open', year, fundingLine, amount };
    }
    case 'EnvelopeAdjusted':
      return { ...state, amount: event.data.newAmount };
    case 'FundsReserved': {
      const holding = addCents(reservedForProject(state, event.data.projectId), event.data.amount);
      return withHolding(state, event.data.projectId, holding, event.data.reservedAfter);
    }
    case 'FundsReleased': {
      const holding = subtractCents(reservedForProject(state, event.data.projectId), event.data.amount);
      return withHolding(state, event.data.projectId, holding, event.data.reservedAfter);
    }
  }
}

function decide(command: EnvelopeCommand, state: EnvelopeState): EnvelopeEvent[] {
  // Every command has a valid business date, even one that records nothing (ADR 0019).
  businessDateOf(command.context);
  switch (command.type) {
    case 'OpenEnvelope':
      return open(command, state);
    case 'AdjustEnvelope':
      return adjust(command, state);
    case 'ReserveFunds':
      return reserve(command, state);
    case 'ReleaseFunds':
      return release(command, state);
  }
}

function open(command: OpenEnvelope, state: EnvelopeState): EnvelopeEvent[] {
  const { year, fundingLine, amount } = command.data;
  refuseIfInvalid('envelope.invalid', 'the envelope is invalid', fundingPeriodErrors(year, fundingLine));
  requireNonNegativeCents(amount);
  if (state.status === 'open') {
    const detail = `the envelope of ${envelopeName(state)} is already open`;
    throw new DomainError('envelope.already-open', detail, 'conflict');
  }
  return [{ type: 'EnvelopeOpened', data: { year, fundingLine, amount, ...fundStampOf(command.context) } }];
}

function adjust(command: AdjustEnvelope, state: EnvelopeState): EnvelopeEvent[] {
  const reason = requireReason(command.reason, 'adjusting an envelope');
  const { newAmount } = command.data;
  requireNonNegativeCents(newAmount, 'newAmount');
  const envelope = requireOpen(state);
  if (newAmount < envelope.reserved) {
    throw new DomainError(
      'envelope.below-reserved',
      `the envelope of ${envelopeName(envelope)} cannot shrink to USD ${formatUsd(newAmount)}: ` +
        `USD ${formatUsd(envelope.reserved)} is already reserved`,
      'conflict',
    );
  }
  // Re-stating the current size would only clutter the audit trail.
  if (newAmount === envelope.amount) return [];
  return [
    {
      type: 'EnvelopeAdjusted',
      data: { ...facts(envelope, command), previousAmount: envelope.amount, newAmount, reason },
    },
  ];
}

/** Rule 7: the sum of reservations never exceeds the envelope. */
function reserve(command: ReserveFunds, state: EnvelopeState): EnvelopeEvent[] {
  const { projectId, amount, purpose } = command.data;
  requirePositiveCents(amount);
  const envelope = requireOpen(state);
  const available = availableInEnvelope(envelope);
  if (amount > available) {
    throw new DomainError(
      'envelope.exhausted',
      `the envelope of ${envelopeName(envelope)} has USD ${formatUsd(available)} available; ` +
        `USD ${formatUsd(amount)} was asked for project ${projectId}`,
      'conflict',
    );
  }
  const reservedAfter = addCents(envelope.reserved, amount);
  return [{ type: 'FundsReserved', data: { ...facts(envelope, command), projectId, amount, purpose, reservedAfter } }];
}

/** Rules 10 and 12: money goes back into the envelope, but never more than the project holds. */
function release(command: ReleaseFunds, state: EnvelopeState): EnvelopeEvent[] {
  const { projectId, amount, purpose } = command.data;
  requirePositiveCents(amount);
  const envelope = requireOpen(state);
  const held = reservedForProject(envelope, projectId);
  if (amount > held) {
    throw new DomainError(
      'envelope.release-exceeds-reservation',
      `project ${projectId} holds USD ${formatUsd(held)} in the envelope of ${envelopeName(envelope)}; ` +
        `USD ${formatUsd(amount)} cannot be released`,
      'conflict',
    );
  }
  const reservedAfter = subtractCents(envelope.reserved, amount);
  return [{ type: 'FundsReleased', data: { ...facts(envelope, command), projectId, amount, purpose, reservedAfter } }];
}

function requireOpen(state: EnvelopeState): OpenedEnvelope {
  if (state.status !== 'open' || state.year === null || state.fundingLine === null) {
    throw new DomainError('envelope.not-open', 'this envelope has not been opened', 'conflict');
  }
  return state as OpenedEnvelope;
}

function facts(envelope: OpenedEnvelope, command: EnvelopeCommand) {
  return { year: envelope.year, fundingLine: envelope.fundingLine, ...fundStampOf(command.context) };
}

function envelopeName(state: EnvelopeState): string {
  return `${state.year} line ${state.fundingLine}`;
}

export const envelopeDecider: Decider<EnvelopeCommand, EnvelopeEvent, EnvelopeState> = { initialState, evolve, decide };

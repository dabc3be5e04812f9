import type { Cents } from '../../shared/money.js';
import type { FundingLine } from '../../project/commands.js';
import type { ReleasePurpose, ReservationPurpose } from './envelope-commands.js';

/**
 * Every envelope event names its (year, funding line), so that a view of envelope use can
 * be projected from the events alone, without parsing stream ids.
 */
interface EnvelopeFacts {
  year: number;
  fundingLine: FundingLine;
  /** ISO instant the command was handled (and recorded) at. */
  at: string;
  /** The business date (ADR 0019); absent from events recorded before it: see `effectiveOnOf`. */
  effectiveOn?: string;
}

export interface EnvelopeOpened {
  type: 'EnvelopeOpened';
  data: EnvelopeFacts & { amount: Cents };
}

export interface EnvelopeAdjusted {
  type: 'EnvelopeAdjusted';
  data: EnvelopeFacts & { previousAmount: Cents; newAmount: Cents; reason: string };
}

export interface FundsReserved {
  type: 'FundsReserved';
  /** `reservedAfter`: the envelope's total reserved once this reservation is counted. */
  data: EnvelopeFacts & { projectId: string; amount: Cents; purpose: ReservationPurpose; reservedAfter: Cents };
}

export interface FundsReleased {
  type: 'FundsReleased';
  /** `reservedAfter`: the envelope's total reserved once this release is counted. */
  data: EnvelopeFacts & { projectId: string; amount: Cents; purpose: ReleasePurpose; reservedAfter: Cents };
}

export type EnvelopeEvent = EnvelopeOpened | EnvelopeAdjusted | FundsReserved | FundsReleased;

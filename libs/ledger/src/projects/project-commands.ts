import {
  DomainError,
  envelopeDecider,
  envelopeStreamId,
  primaIdStreamId,
  primaRegistryDecider,
  projectDecider,
  projectStreamId,
  cents,
  type ClaimPrimaId,
  type EnvelopeCommand,
  type ReleaseFunds,
  type ReleasePrimaId,
  type ReserveFunds,
  type FundingLine,
  type PrimaRegistryCommand,
  type ProjectCommand,
  type ProjectEvent,
  type ProjectState,
} from '#domain';
import { WrongExpectedRevisionError, type AppendResult, type GlobalPosition } from '#event-store';
import { commandContextOf, type CommandMetadata } from '../command-metadata.js';
import type { FundCalendar } from '../fund-calendar.js';
import type { Decided, EventSourcedRepository } from '../event-sourced-repository.js';
import { commandEventIds, keyCompensated, type CommandStep } from '../keyed-commands.js';
import type { FundPolicySource } from '../fund/fund-policy-source.js';
import { faultPoint } from '../fault-points.js';

/** A project command as the HTTP layer knows it: without who/when and policy, which are added here. */
export type ProjectCommandInput = ProjectCommand extends infer C
  ? C extends ProjectCommand
    ? Omit<C, 'context' | 'policy' | 'reason'>
    : never
  : never;

export interface ProjectCommandOutcome {
  projectId: string;
  events: ProjectEvent[];
  state: ProjectState;
  revision: number | undefined;
  appended: AppendResult | undefined;
  /**
   * The global position of the last event the command wrote, in any stream (a release in
   * the envelope comes after the project's event): what a reader waits for to see it all.
   */
  position: GlobalPosition | undefined;
  /** Answered from the events an earlier request with the same Idempotency-Key recorded. */
  replayed?: boolean;
}

/** How often an envelope reservation is decided again after losing a race to another approval. */
const ENVELOPE_RETRIES = 100;

/**
 * Runs project commands. Most only touch the project's stream; four also move money in a
 * funding envelope or claim a PRIMA id, which are other streams. An event store has no
 * transaction across streams, so those are ordered so that nothing is ever over-reserved,
 * and a failure after the first step is compensated by a new event (never by deleting):
 *
 * - draft: claim the PRIMA id, then create the project stream (no_stream); if that fails,
 *   release the claim.
 * - approve, and a budget revision that raises the budget: reserve in the envelope first
 *   (rule 7 is decided there, under optimistic concurrency), then record the approval; if
 *   that fails, release the reservation.
 * - cancel, close, a revision that lowers the budget, and a refund after closure or
 *   cancellation: record it, then release.
 */
export class ProjectCommands {
  constructor(
    private readonly repository: EventSourcedRepository,
    private readonly policies: FundPolicySource,
    /** What today is for the fund; without one, the domain takes the UTC date of the command's instant. */
    private readonly calendar?: FundCalendar,
  ) {}

  async execute(
    projectId: string,
    input: ProjectCommandInput,
    handled: CommandMetadata,
    options: { expectedRevision?: number } = {},
  ): Promise<ProjectCommandOutcome> {
    const metadata = this.calendar?.dated(handled) ?? handled;
    const command = await this.complete(input, metadata);
    switch (command.type) {
      case 'DraftProject':
      case 'AmendDraft':
      case 'ApproveProject':
      case 'ApproveBudgetRevision':
      case 'CancelProject':
      case 'CloseProject':
      case 'ImportProject':
      case 'RecordRefund': {
        // A keyed retry whose project step is recorded is answered from it (the steps after
        // it completed first); one whose project step is missing goes through the steps
        // again, each of which finds what it recorded before (docs/adr/0016).
        const recorded = await this.repository.findRecorded(projectDecider, projectStreamId(projectId), atStep(metadata, 'project'));
        if (recorded) return this.completeRecorded(projectId, recorded, metadata);
        try {
          if (command.type === 'ImportProject') return await this.withImport(projectId, command, metadata, options);
          return command.type === 'DraftProject' || command.type === 'AmendDraft'
            ? await this.withPrimaClaim(projectId, command, metadata, options)
            : await this.withEnvelope(projectId, command, metadata, options);
        } catch (refusal) {
          // The same keyed request on another instance may have recorded its project step
          // after the look above: the project as it left it refuses this one. Answer as it did.
          const landed = await this.repository.findRecorded(projectDecider, projectStreamId(projectId), atStep(metadata, 'project'));
          if (landed) return this.completeRecorded(projectId, landed, metadata);
          throw refusal;
        }
      }
      default:
        return this.onProjectOnly(projectId, command, metadata, options);
    }
  }

  private async complete(input: ProjectCommandInput, metadata: CommandMetadata): Promise<ProjectCommand> {
    const needsPolicy = ['DraftProject', 'AmendDraft', 'RequestBudgetRevision', 'ApproveBudgetRevision', 'ImportProject'].includes(input.type);
    return {
      ...input,
      ...commandContextOf(metadata),
      ...(needsPolicy ? { policy: await this.policies.current() } : {}),
    } as ProjectCommand;
  }

  private async onProjectOnly(
    projectId: string,
    command: ProjectCommand,
    metadata: CommandMetadata,
    options: { expectedRevision?: number },
  ): Promise<ProjectCommandOutcome> {
    const decided = await this.repository.handle(projectDecider, projectStreamId(projectId), command, metadata, options);
    return { projectId, ...decided, position: decided.appended?.position };
  }

  /**
   * A keyed command whose project step was recorded by an earlier request: the release that
   * follows a cancellation, closure or lowering is completed if the crash came before it
   * (with the same ids, so never twice), and the answer is the one the command gave.
   */
  private async completeRecorded(
    projectId: string,
    recorded: Decided<ProjectEvent, ProjectState>,
    metadata: CommandMetadata,
  ): Promise<ProjectCommandOutcome> {
    const outcome = { projectId, ...recorded, position: recorded.appended?.position };
    const movement = envelopeMovementOf(recorded.events);
    if (movement === undefined || movement.amount >= 0) return outcome;
    const { year, fundingLine, amount } = movement;
    const released = await this.onEnvelope(year, fundingLine, { type: 'ReleaseFunds', data: { projectId, amount: cents(-amount), purpose: movement.releasePurpose } }, metadata);
    return { ...outcome, position: released.appended?.position ?? outcome.position };
  }

  /** A keyed retry of a command whose first step the process manager undid: refused (409). */
  private async refuseIfCompensated(projectId: string, metadata: CommandMetadata, firstStep: CommandStep): Promise<void> {
    const compensation = await this.repository.findCompensation(projectStreamId(projectId), commandEventIds(metadata, firstStep));
    if (compensation) throw keyCompensated();
  }

  /** Decides on the project without writing, so that other streams can be touched first. */
  private async decideOnProject(projectId: string, command: ProjectCommand, options: { expectedRevision?: number }) {
    const streamId = projectStreamId(projectId);
    const loaded = await this.repository.load(projectDecider, streamId);
    if (options.expectedRevision !== undefined && loaded.revision !== options.expectedRevision) {
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, loaded.revision ?? 'no_stream');
    }
    const events = projectDecider.decide(command, loaded.state);
    return {
      loaded,
      events,
      record: async (metadata: CommandMetadata): Promise<ProjectCommandOutcome> => {
        // A command that changes nothing (an amendment repeating the draft) records nothing.
        if (events.length === 0) {
          return { projectId, events, state: loaded.state, revision: loaded.revision, appended: undefined, position: undefined };
        }
        const appended = await this.repository.append(streamId, events, loaded, metadata, projectDecider);
        return { projectId, events, state: appended.state!, revision: appended.nextExpectedRevision, appended, position: appended.position };
      },
    };
  }

  private async withPrimaClaim(
    projectId: string,
    command: ProjectCommand & { type: 'DraftProject' | 'AmendDraft' },
    metadata: CommandMetadata,
    options: { expectedRevision?: number },
  ): Promise<ProjectCommandOutcome> {
    const { loaded, events, record } = await this.decideOnProject(projectId, command, options);
    const previousPrimaId = loaded.state.status === 'none' ? undefined : loaded.state.primaId;
    const newPrimaId = command.data.primaId;
    if (events.length === 0 || newPrimaId === undefined || newPrimaId === previousPrimaId) return record(metadata);

    const claimed = await this.onPrimaRegistry(newPrimaId, { type: 'ClaimPrimaId', data: { primaId: newPrimaId, projectId } }, atStep(metadata, 'prima-claim'));
    if (claimed.replayed) await this.refuseIfCompensated(projectId, metadata, 'prima-claim');
    faultPoint('after-claim');
    let outcome: ProjectCommandOutcome;
    try {
      outcome = await record(atStep(metadata, 'project'));
    } catch (error) {
      // Another request with the same key recorded the project first: answer as it did.
      const recorded = await this.repository.findRecorded(projectDecider, projectStreamId(projectId), atStep(metadata, 'project'));
      if (recorded) return this.completeRecorded(projectId, recorded, metadata);
      await this.onPrimaRegistry(newPrimaId, { type: 'ReleasePrimaId', data: { projectId } }, atStep(metadata, 'prima-release'), `${command.type} of ${projectId} was not recorded`);
      if (error instanceof WrongExpectedRevisionError && command.type === 'DraftProject' && options.expectedRevision === undefined) {
        throw new DomainError('project.already-exists', `project ${projectId} already exists`, 'conflict');
      }
      throw error;
    }
    if (previousPrimaId !== undefined) {
      await this.onPrimaRegistry(previousPrimaId, { type: 'ReleasePrimaId', data: { projectId } }, atStep(metadata, 'prima-release'), `PRIMA id of ${projectId} changed to ${newPrimaId}`);
    }
    return outcome;
  }

  private async withEnvelope(
    projectId: string,
    command: ProjectCommand,
    metadata: CommandMetadata,
    options: { expectedRevision?: number },
  ): Promise<ProjectCommandOutcome> {
    const { events, record } = await this.decideOnProject(projectId, command, options);
    const movement = envelopeMovementOf(events);
    if (movement === undefined || movement.amount === 0) return record(metadata);
    const { year, fundingLine, amount } = movement;

    if (amount < 0) {
      // Releasing: the project's own event comes first, so money is never released for a
      // cancellation, closure or lowering that was not recorded.
      const outcome = await record(atStep(metadata, 'project'));
      faultPoint('after-record-before-release');
      const released = await this.onEnvelope(year, fundingLine, { type: 'ReleaseFunds', data: { projectId, amount: cents(-amount), purpose: movement.releasePurpose } }, metadata);
      return { ...outcome, position: released.appended?.position ?? outcome.position };
    }
    // Reserving: the envelope decides first (rule 7), so an approval never exists without
    // its reservation; if the approval then cannot be recorded, the reservation is released.
    const reserved = await this.onEnvelope(year, fundingLine, { type: 'ReserveFunds', data: { projectId, amount: cents(amount), purpose: movement.reservePurpose } }, metadata);
    if (reserved.replayed) await this.refuseIfCompensated(projectId, metadata, 'envelope');
    faultPoint('after-reserve');
    try {
      return await record(atStep(metadata, 'project'));
    } catch (error) {
      const recorded = await this.repository.findRecorded(projectDecider, projectStreamId(projectId), atStep(metadata, 'project'));
      if (recorded) return this.completeRecorded(projectId, recorded, metadata);
      await this.onEnvelope(
        year,
        fundingLine,
        { type: 'ReleaseFunds', data: { projectId, amount: cents(amount), purpose: 'compensation' } },
        { ...atStep(metadata, 'envelope-compensation'), reason: `${command.type} of ${projectId} was not recorded` },
      );
      throw error;
    }
  }

  /**
   * An imported project claims its PRIMA id (rule 14) like a draft and reserves what it has
   * committed like an approval (rule 7): claim, reserve, record, in that order, each undone
   * if a later one fails. A correction moves only the envelope, by the difference.
   */
  private async withImport(
    projectId: string,
    command: ProjectCommand & { type: 'ImportProject' },
    metadata: CommandMetadata,
    options: { expectedRevision?: number },
  ): Promise<ProjectCommandOutcome> {
    const creating = (await this.repository.load(projectDecider, projectStreamId(projectId))).state.status === 'none';
    if (!creating) return this.withEnvelope(projectId, command, metadata, options);
    const { events } = await this.decideOnProject(projectId, command, options);
    // A row the envelope refuses is refused before the claim, so that nothing of it is recorded.
    const movement = envelopeMovementOf(events);
    if (movement !== undefined && movement.amount > 0) await this.assertEnvelopeAccepts(projectId, movement, metadata);
    const primaId = command.data.record.primaId;
    const claimed = await this.onPrimaRegistry(primaId, { type: 'ClaimPrimaId', data: { primaId, projectId } }, atStep(metadata, 'prima-claim'));
    if (claimed.replayed) await this.refuseIfCompensated(projectId, metadata, 'prima-claim');
    try {
      return await this.withEnvelope(projectId, command, metadata, options);
    } catch (error) {
      const recorded = await this.repository.findRecorded(projectDecider, projectStreamId(projectId), atStep(metadata, 'project'));
      if (recorded) return this.completeRecorded(projectId, recorded, metadata);
      if (events.length > 0) {
        await this.onPrimaRegistry(primaId, { type: 'ReleasePrimaId', data: { projectId } }, atStep(metadata, 'prima-release'), `ImportProject of ${projectId} was not recorded`);
      }
      throw error;
    }
  }

  /** Decides the reservation on the envelope as it stands, without recording: throws its refusal. */
  private async assertEnvelopeAccepts(projectId: string, movement: EnvelopeMovement, metadata: CommandMetadata): Promise<void> {
    const { year, fundingLine, amount } = movement;
    const { state } = await this.repository.load(envelopeDecider, envelopeStreamId(year, fundingLine));
    const reserve = { type: 'ReserveFunds', data: { projectId, amount: cents(amount), purpose: movement.reservePurpose }, ...commandContextOf(metadata) };
    envelopeDecider.decide(reserve as EnvelopeCommand, state);
  }

  private async onEnvelope(
    year: number,
    fundingLine: FundingLine,
    command: Pick<ReserveFunds, 'type' | 'data'> | Pick<ReleaseFunds, 'type' | 'data'>,
    metadata: CommandMetadata,
  ): Promise<Decided<unknown, unknown>> {
    const full = { ...command, ...commandContextOf(metadata) } as EnvelopeCommand;
    return this.repository.handle(envelopeDecider, envelopeStreamId(year, fundingLine), full, atStep(metadata, metadata.step ?? 'envelope'), {
      retriesOnConflict: ENVELOPE_RETRIES,
    });
  }

  private async onPrimaRegistry(
    primaId: string,
    command: Pick<ClaimPrimaId, 'type' | 'data'> | Pick<ReleasePrimaId, 'type' | 'data'>,
    metadata: CommandMetadata,
    reason?: string,
  ): Promise<Decided<unknown, unknown>> {
    const withReason = { ...metadata, ...(reason === undefined ? {} : { reason }) };
    const full = { ...command, ...commandContextOf(withReason) } as PrimaRegistryCommand;
    return this.repository.handle(primaRegistryDecider, primaIdStreamId(primaId), full, withReason, {
      retriesOnConflict: 5,
    });
  }
}

/** The metadata of one step of a multi-stream command: its events get that step's ids. */
function atStep(metadata: CommandMetadata, step: CommandStep): CommandMetadata {
  return { ...metadata, step };
}

export interface EnvelopeMovement {
  year: number;
  fundingLine: FundingLine;
  /** Positive: to reserve; negative: to release. */
  amount: number;
  reservePurpose: 'approval' | 'budget-revision' | 'import';
  releasePurpose: 'cancellation' | 'closure' | 'budget-revision' | 'import-correction' | 'refund';
}

/** What the project's decided events mean for its envelope (rules 7, 10 and 12; ADR 0018). */
export function envelopeMovementOf(events: readonly ProjectEvent[]): EnvelopeMovement | undefined {
  for (const event of events) {
    switch (event.type) {
      case 'ProjectApproved':
        return { ...periodOf(event.data), amount: event.data.committed, reservePurpose: 'approval', releasePurpose: 'budget-revision' };
      case 'BudgetRevisionApproved':
        return { ...periodOf(event.data), amount: event.data.difference, reservePurpose: 'budget-revision', releasePurpose: 'budget-revision' };
      case 'ProjectCancelled':
        return { ...periodOf(event.data), amount: -event.data.releasedAmount, reservePurpose: 'approval', releasePurpose: 'cancellation' };
      case 'ProjectClosed':
        return { ...periodOf(event.data), amount: -event.data.releasedAmount, reservePurpose: 'approval', releasePurpose: 'closure' };
      case 'ProjectImported':
        return { ...periodOf(event.data), amount: event.data.committed, reservePurpose: 'import', releasePurpose: 'import-correction' };
      case 'ProjectImportCorrected':
        return { ...periodOf(event.data), amount: event.data.committedDifference, reservePurpose: 'import', releasePurpose: 'import-correction' };
      case 'RefundRecorded':
        // Released only after closure or cancellation (releasedAmount 0 before: project only).
        return { ...periodOf(event.data), amount: -event.data.releasedAmount, reservePurpose: 'approval', releasePurpose: 'refund' };
      default:
        break;
    }
  }
  return undefined;
}

function periodOf(data: { year: number; fundingLine: FundingLine }) {
  return { year: data.year, fundingLine: data.fundingLine };
}

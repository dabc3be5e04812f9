import { createHash } from 'node:crypto';
import {
  DomainError,
  envelopeDecider,
  envelopeStreamId,
  isWorkflowEventType,
  primaIdStreamId,
  primaRegistryDecider,
  projectDecider,
  projectStreamId,
  type Decider,
  type EnvelopeCommand,
  type PrimaRegistryCommand,
  type ProjectEvent,
  type RepairStep,
} from '#domain';
import { WrongExpectedRevisionError, type EventStore } from '#event-store';
import type { CommandMetadata } from '../command-metadata.js';
import type { DomainEvent, EventSourcedRepository } from '../event-sourced-repository.js';

/** Who the audit trail names for a repair: no person, the process manager. */
export const WORKFLOW_REPAIRS_ACTOR = { id: 'system:workflow-repairs', role: 'admin' } as const;

export type RepairOutcome = 'recorded' | 'waiting';

/**
 * Performs the steps the workflow decider decides (ADR 0017). Every event a step writes
 * has an id made from (workflow id, step), so a step repeated after a crash, or by a second
 * process, is refused by the store instead of written twice; its metadata names the
 * workflow (`compensates`) and its reason says why. Nothing is deleted or edited.
 */
export class WorkflowRepairs {
  constructor(
    private readonly repository: EventSourcedRepository,
    private readonly store: EventStore,
  ) {}

  /** 'waiting': the facts moved since the decision (or a race was lost); the next review decides again. */
  async perform(step: RepairStep, now: string): Promise<RepairOutcome> {
    switch (step.type) {
      case 'AbandonApproval': {
        const { projectId, year, fundingLine, amount, purpose, reason } = step.data;
        const abandoned = await this.onProject(step, now, { type: 'ApprovalAbandoned', data: { projectId, year, fundingLine, amount, purpose, reason, at: now } });
        if (abandoned === 'waiting') return 'waiting';
        return this.perform({ type: 'ReleaseAbandonedReservation', data: { ...step.data, reason: `${reason}; its reservation is released` } }, now);
      }
      case 'ReleaseAbandonedReservation':
      case 'CompleteRelease': {
        const { year, fundingLine, projectId, amount } = step.data;
        const purpose = step.type === 'CompleteRelease' ? step.data.purpose : 'compensation';
        const command = { type: 'ReleaseFunds', data: { projectId, amount, purpose }, context: { actor: WORKFLOW_REPAIRS_ACTOR, at: now } } as EnvelopeCommand;
        return this.decideAndRecord(envelopeDecider, envelopeStreamId(year, fundingLine), command, step, now, 'release');
      }
      case 'AbandonDraft': {
        const { projectId, primaId, reason } = step.data;
        const abandoned = await this.onProject(step, now, { type: 'DraftAbandoned', data: { projectId, primaId, reason, at: now } });
        if (abandoned === 'waiting') return 'waiting';
        return this.perform({ type: 'ReleaseAbandonedClaim', data: { ...step.data, reason: `${reason}; the id is released` } }, now);
      }
      case 'ReleaseAbandonedClaim': {
        const { projectId, primaId, reason } = step.data;
        const command = { type: 'ReleasePrimaId', data: { projectId }, context: { actor: WORKFLOW_REPAIRS_ACTOR, at: now }, reason } as PrimaRegistryCommand;
        return this.decideAndRecord(primaRegistryDecider, primaIdStreamId(primaId), command, step, now, 'release');
      }
    }
  }

  /**
   * The project stream arbitrates (ADR 0017): the abandonment is appended right after the
   * last revision, and only if no event the decision did not know of (one that matters to a
   * workflow) came after `expectedProjectRevision`. A late approval or draft of the command
   * itself, appended first, makes this append fail — or makes that command fail, if this
   * one was first. `no_stream` when the project was never created.
   */
  private async onProject(step: RepairStep & { data: { expectedProjectRevision: number | null } }, now: string, event: ProjectEvent): Promise<RepairOutcome> {
    const streamId = projectStreamId(step.data.projectId);
    const known = step.data.expectedProjectRevision;
    const newer = await this.store.readStream(streamId, known === null ? {} : { fromRevision: known + 1 });
    if (newer.some((e) => isWorkflowEventType(e.type))) return 'waiting';
    const loaded = await this.repository.load(projectDecider, streamId);
    const last = newer.at(-1)?.revision ?? known ?? undefined;
    if (loaded.revision !== last) return 'waiting';
    try {
      await this.repository.append(streamId, [event], loaded, this.metadata(step, now), projectDecider, this.recording(step, 'abandon', 1));
      return 'recorded';
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return 'waiting';
      throw error;
    }
  }

  /** One stream, decided on what is recorded now; a lost race is decided again, a few times. */
  private async decideAndRecord<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    step: RepairStep,
    now: string,
    name: string,
  ): Promise<RepairOutcome> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const loaded = await this.repository.load(decider, streamId);
      let events: E[];
      try {
        events = decider.decide(command, loaded.state);
      } catch (refusal) {
        // Nothing left to release (the command did it after all): the feed will say so.
        if (refusal instanceof DomainError) return 'waiting';
        throw refusal;
      }
      try {
        await this.repository.append(streamId, events, loaded, this.metadata(step, now), decider, this.recording(step, name, events.length));
        return 'recorded';
      } catch (error) {
        // Also what an id already stored elsewhere gives: this step was already recorded.
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    return 'waiting';
  }

  private metadata(step: RepairStep, now: string): CommandMetadata {
    return {
      actor: WORKFLOW_REPAIRS_ACTOR,
      at: now,
      correlationId: step.data.workflowId,
      causationId: step.data.workflowId,
      reason: step.data.reason,
    };
  }

  private recording(step: RepairStep, name: string, count: number) {
    const ids = Array.from({ length: count }, (_, index) => repairEventId(step.data.workflowId, name, index));
    return { ids, metadata: { compensates: step.data.workflowId, workflowStep: step.type } };
  }
}

/** A UUID (version-8 layout) from sha256(workflow id, step, index): the same step, the same id. */
export function repairEventId(workflowId: string, step: string, index: number): string {
  const hex = createHash('sha256').update(`workflow\u0000${workflowId}\u0000${step}\u0000${index}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

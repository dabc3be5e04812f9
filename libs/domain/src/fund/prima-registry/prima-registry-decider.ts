import type { Decider } from '../../shared/decider.js';
import { DomainError } from '../../shared/domain-error.js';
import { fundStampOf, refuseIfInvalid, textErrors } from '../fund-command.js';
import { requireReason } from '../../project/rules/reason.js';
import type {
  ClaimPrimaId,
  PrimaRegistryCommand,
  PrimaRegistryEvent,
  ReleasePrimaId,
} from './prima-registry-messages.js';

/** Who holds one PRIMA id; `holder` is null when nobody does (never claimed, or released). */
export interface PrimaRegistryState {
  primaId: string | null;
  holder: string | null;
}

function initialState(): PrimaRegistryState {
  return { primaId: null, holder: null };
}

function evolve(state: PrimaRegistryState, event: PrimaRegistryEvent): PrimaRegistryState {
  switch (event.type) {
    case 'PrimaIdClaimed':
      return { primaId: event.data.primaId, holder: event.data.projectId };
    case 'PrimaIdReleased':
      return { ...state, holder: null };
  }
}

function decide(command: PrimaRegistryCommand, state: PrimaRegistryState): PrimaRegistryEvent[] {
  switch (command.type) {
    case 'ClaimPrimaId':
      return claim(command, state);
    case 'ReleasePrimaId':
      return release(command, state);
  }
}

function claim(command: ClaimPrimaId, state: PrimaRegistryState): PrimaRegistryEvent[] {
  const { primaId, projectId } = command.data;
  refuseIfInvalid('prima-id.invalid', 'the claim is invalid', [
    ...textErrors(primaId, 'primaId', 50),
    ...textErrors(projectId, 'projectId', 100),
  ]);
  // A retried draft claims again: it already holds the id, so nothing new is recorded.
  if (state.holder === projectId) return [];
  if (state.holder !== null) {
    throw new DomainError(
      'project.prima-id-taken',
      `PRIMA id ${state.primaId} is already used by project ${state.holder}`,
      'conflict',
      [{ field: 'primaId', message: 'is already used by another project' }],
    );
  }
  return [{ type: 'PrimaIdClaimed', data: { primaId, projectId, ...fundStampOf(command.context) } }];
}

function release(command: ReleasePrimaId, state: PrimaRegistryState): PrimaRegistryEvent[] {
  const reason = requireReason(command.reason, 'releasing a PRIMA id');
  const { projectId } = command.data;
  if (state.holder === null || state.primaId === null || state.holder !== projectId) {
    throw new DomainError('prima-id.not-held', `project ${projectId} does not hold this PRIMA id`, 'conflict');
  }
  return [{ type: 'PrimaIdReleased', data: { primaId: state.primaId, projectId, reason, ...fundStampOf(command.context) } }];
}

export const primaRegistryDecider: Decider<PrimaRegistryCommand, PrimaRegistryEvent, PrimaRegistryState> = {
  initialState,
  evolve,
  decide,
};

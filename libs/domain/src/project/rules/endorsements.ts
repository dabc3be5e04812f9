import { DomainError } from '../../shared/domain-error.js';
import type { Coverage } from '../commands.js';
import type { Project } from '../state.js';

/**
 * Rule 5: how many beneficiary states' governments must have endorsed a proposal before
 * it is submitted. A global project has no single government to endorse it.
 */
export function endorsementsNeeded(coverage: Coverage): number {
  return coverage === 'national' ? 1 : coverage === 'regional' ? 2 : 0;
}

/** Only endorsements of current beneficiary states count (evolve drops the others). */
export function endorsedStates(project: Project): string[] {
  const beneficiaries = new Set(project.beneficiaryStates.map((state) => state.code));
  return Object.keys(project.governmentEndorsements).filter((code) => beneficiaries.has(code));
}

export function assertEndorsedForSubmission(project: Project): void {
  const needed = endorsementsNeeded(project.coverage);
  const endorsed = endorsedStates(project);
  if (endorsed.length < needed) {
    const missing = project.beneficiaryStates.map((state) => state.code).filter((code) => !endorsed.includes(code));
    const whose = needed === 1 ? 'its beneficiary state' : `at least ${needed} beneficiary states`;
    throw new DomainError(
      'submission.endorsement-missing',
      `a ${project.coverage} project needs the government endorsement of ${whose} before submission; ` +
        `${endorsed.length} recorded, none yet from ${missing.join(', ')}`,
      'conflict',
    );
  }
}

export function assertStateIsBeneficiary(project: Project, state: string): void {
  if (!project.beneficiaryStates.some((beneficiary) => beneficiary.code === state)) {
    const beneficiaries = project.beneficiaryStates.map((beneficiary) => beneficiary.code).join(', ') || 'none';
    throw new DomainError(
      'endorsement.state-not-beneficiary',
      `${JSON.stringify(state)} is not a beneficiary state of ${project.projectId} (${beneficiaries})`,
      'conflict',
      [{ field: 'state', message: 'must be one of the beneficiary states' }],
    );
  }
}

import { DomainError } from '../../shared/domain-error.js';
import { acceptProposal } from '../accept-proposal.js';
import type { AmendDraft, DraftProject, ProposalFields } from '../commands.js';
import type { ProjectDraftAmended, ProjectDrafted } from '../events.js';
import { PROPOSAL_KEYS, type Proposal } from '../proposal.js';
import type { Project, ProjectState } from '../state.js';
import { actorOf, stampOf } from './command-context.js';
import { sameValue } from './same-value.js';

export function draftProject(command: DraftProject, state: ProjectState): ProjectDrafted[] {
  if (state.status !== 'none') {
    throw new DomainError('project.already-exists', `project ${command.data.projectId} already exists`, 'conflict');
  }
  const proposal = acceptProposal(command.data, command.policy, { withProjectId: true });
  return [
    {
      type: 'ProjectDrafted',
      data: { projectId: command.data.projectId, ...proposal, draftedBy: actorOf(command), ...stampOf(command, 'drafting') },
    },
  ];
}

/** What a fund manager may give in an amendment: every proposal field but the derived total. */
const AMENDABLE_KEYS = PROPOSAL_KEYS.filter(
  (key): key is Exclude<(typeof PROPOSAL_KEYS)[number], 'budgetTotal'> => key !== 'budgetTotal',
);

/**
 * An amendment replaces the fields it gives (a title map replaces the whole map) and the
 * draft is then checked whole. The event records only what actually changed (nothing
 * changed: no event). Endorsements
 * of states that are no longer beneficiaries are voided: they no longer count (rule 5),
 * and a state added back must endorse again.
 */
export function amendDraft(command: AmendDraft, project: Project): ProjectDraftAmended[] {
  const merged: ProposalFields = { ...fieldsOf(project) };
  for (const key of AMENDABLE_KEYS) {
    const value = command.data[key];
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  const amended = acceptProposal(merged, command.policy);
  const changes: Partial<Proposal> = {};
  for (const key of PROPOSAL_KEYS) {
    if (!sameValue(project[key], amended[key])) (changes as Record<string, unknown>)[key] = amended[key];
  }
  // Sending the draft as it already is records nothing: a repeated save is not a refusal.
  if (Object.keys(changes).length === 0) return [];
  const beneficiaries = new Set(amended.beneficiaryStates.map((state) => state.code));
  const voided = Object.keys(project.governmentEndorsements).filter((code) => !beneficiaries.has(code));
  return [
    {
      type: 'ProjectDraftAmended',
      data: {
        changes,
        amendedBy: actorOf(command),
        ...(voided.length > 0 ? { voidedEndorsements: voided } : {}),
        ...stampOf(command, 'amending'),
      },
    },
  ];
}

function fieldsOf(project: Project): ProposalFields {
  return {
    primaId: project.primaId,
    title: project.title,
    description: project.description,
    thematicArea: project.thematicArea,
    coverage: project.coverage,
    fundingLine: project.fundingLine,
    region: project.region,
    beneficiaryStates: project.beneficiaryStates,
    plannedStartDate: project.plannedStartDate,
    plannedEndDate: project.plannedEndDate,
    year: project.year,
    budget: project.budget,
  };
}

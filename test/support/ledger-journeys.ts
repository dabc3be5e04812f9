import type { Staff } from './ledger.js';
import { utcToday } from './ledger.js';

/**
 * Journeys that take a proposal to a later stage of its lifecycle through the API, each
 * step by the person whose job it is, asserting every step succeeds.
 */
export interface ProposalLike {
  projectId: string;
  beneficiaryStates: { code: string }[];
}

export interface JourneyOptions {
  /** The states whose government endorsement is recorded; all beneficiary states by default. */
  endorsements?: string[];
}

/** Drafted by the fund manager, endorsed by its government(s) and submitted. */
export async function submittedProposal(staff: Staff, proposal: ProposalLike, options: JourneyOptions = {}): Promise<string> {
  const { projectId } = proposal;
  const drafted = await staff.fundManager.post('/projects', proposal);
  expect({ status: drafted.status, body: drafted.body }).toMatchObject({ status: 201, body: { status: 'draft' } });
  for (const state of options.endorsements ?? proposal.beneficiaryStates.map((s) => s.code)) {
    const endorsement = await staff.fundManager.post(`/projects/${projectId}/government-endorsements`, {
      state,
      endorsedOn: utcToday(-30),
      authority: `Ministry of Labour (${state})`,
    });
    expect(endorsement.status).toBe(200);
  }
  const submission = await staff.fundManager.post(`/projects/${projectId}/submit`);
  expect({ status: submission.status, body: submission.body }).toMatchObject({ status: 200, body: { status: 'submitted' } });
  return projectId;
}

/** …and endorsed by an approver. */
export async function endorsedProposal(staff: Staff, proposal: ProposalLike, options: JourneyOptions = {}): Promise<string> {
  const projectId = await submittedProposal(staff, proposal, options);
  const endorsement = await staff.approver.post(`/projects/${projectId}/endorse`);
  expect({ status: endorsement.status, body: endorsement.body }).toMatchObject({ status: 200, body: { status: 'endorsed' } });
  return projectId;
}

/** …and approved by a second approver (reserves the budget from the envelope). */
export async function approved(staff: Staff, proposal: ProposalLike, options: JourneyOptions = {}): Promise<string> {
  const projectId = await endorsedProposal(staff, proposal, options);
  const approval = await staff.secondApprover.post(`/projects/${projectId}/approve`);
  expect({ status: approval.status, body: approval.body }).toMatchObject({ status: 200, body: { status: 'approved' } });
  return projectId;
}

/** …with its focal point recorded and implementation started. */
export async function active(staff: Staff, proposal: ProposalLike, options: JourneyOptions = {}): Promise<string> {
  const projectId = await approved(staff, proposal, options);
  const focalPoint = await staff.fundManager.post(`/projects/${projectId}/focal-point`, {
    name: 'Aibek Osmonov',
    organisation: 'State Migration Service',
  });
  expect(focalPoint.status).toBe(200);
  const started = await staff.fundManager.post(`/projects/${projectId}/start`, {});
  expect({ status: started.status, body: started.body }).toMatchObject({ status: 200, body: { status: 'active' } });
  return projectId;
}

/** …and completed (finalisation: reports pending). */
export async function completed(staff: Staff, proposal: ProposalLike, options: JourneyOptions = {}): Promise<string> {
  const projectId = await active(staff, proposal, options);
  const completion = await staff.fundManager.post(`/projects/${projectId}/complete`, {});
  expect({ status: completion.status, body: completion.body }).toMatchObject({ status: 200, body: { status: 'completed' } });
  return projectId;
}

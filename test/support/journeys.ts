import type { Client } from './test-app.js';

/** The people of a test: each a client with a token for their role. */
export interface Cast {
  admin: Client;
  fundManager: Client;
  approver: Client;
  secondApprover: Client;
}

/**
 * Drafts a national proposal, records its endorsement and submits it; returns its id and the
 * submission's position (a view read at it shows the project submitted).
 */
export async function submitted(cast: Cast, proposal: { projectId: string; beneficiaryStates: { code: string }[] }): Promise<{ projectId: string; position: string }> {
  const drafted = await cast.fundManager.post('/projects', proposal);
  expect(drafted.status).toBe(201);
  for (const { code } of proposal.beneficiaryStates) {
    const endorsed = await cast.fundManager.post(`/projects/${proposal.projectId}/government-endorsements`, {
      state: code,
      endorsedOn: '2026-01-15',
      authority: `Ministry of Labour (${code})`,
    });
    expect(endorsed.status).toBe(200);
  }
  const submission = await cast.fundManager.post(`/projects/${proposal.projectId}/submit`);
  expect(submission.status).toBe(200);
  return { projectId: proposal.projectId, position: submission.body.position };
}

/** …and endorsed by an approver, ready for approval. */
export async function endorsed(cast: Cast, proposal: { projectId: string; beneficiaryStates: { code: string }[] }): Promise<string> {
  const { projectId } = await submitted(cast, proposal);
  expect((await cast.approver.post(`/projects/${projectId}/endorse`)).status).toBe(200);
  return projectId;
}

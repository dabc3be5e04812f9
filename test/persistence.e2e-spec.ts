import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nationalProposal } from './support/fixtures.js';
import { Client, TestApp } from './support/test-app.js';

describe('the embedded store survives a restart', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-restart-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('still has every project, event and its tokens after the service is stopped and started again', async () => {
    const proposal = nationalProposal();
    const first = await TestApp.start({ dataDir });
    const token = await first.token('fatima', 'fund-manager', 'auditor');
    const before = await first.as('fatima', 'fund-manager', 'auditor');
    expect((await before.post('/projects', proposal)).status).toBe(201);
    await before.post(`/projects/${proposal.projectId}/government-endorsements`, { state: 'KG', endorsedOn: '2026-01-15', authority: 'Ministry' });
    const beforeEvents = (await before.get(`/projects/${proposal.projectId}/events`)).body.events;
    await first.stop({ removeData: false });

    const second = await TestApp.start({ dataDir });
    try {
      // The same token still works: the generated signing secret is kept in the data directory.
      const after = new Client(second.baseUrl, token);
      const project = await after.get(`/projects/${proposal.projectId}`);
      expect(project.status).toBe(200);
      expect(project.headers.get('etag')).toBe('"1"');
      expect(project.body).toMatchObject({ projectId: proposal.projectId, status: 'draft', primaId: proposal.primaId });
      expect((await after.get(`/projects/${proposal.projectId}/events`)).body.events).toEqual(beforeEvents);
      expect((await after.get(`/projects/${proposal.projectId}/events/verification`)).body.intact).toBe(true);
    } finally {
      await second.stop({ removeData: false });
    }
  });
});

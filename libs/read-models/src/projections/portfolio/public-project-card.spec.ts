import type { RecordedEvent } from '#event-store';
import { people, ProjectStory } from '../testing/fund-fixtures.js';
import { TestFeed } from '../testing/test-feed.js';
import { documentAfter } from '../testing/views.js';
import { portfolioProjection, PROJECTS } from './portfolio-projection.js';
import type { ProjectDocument } from './project-document.js';
import { publicProjectCard } from './public-project-card.js';

const projectAfter = (events: readonly RecordedEvent[]) => documentAfter<ProjectDocument>(portfolioProjection, PROJECTS, 'PO.0143', events);

describe('the donor card of a project', () => {
  const feed = new TestFeed();
  const story = new ProjectStory(feed).active().disburse('D-1', 1_000_000).spend('E-1', 875_000);
  story.send('SuspendProject', {}, { by: people.approver, reason: 'The focal point left the ministry' });
  const doc = projectAfter(feed.events);
  const card = publicProjectCard(doc);

  it('has no internal fields, no folded state and nothing of the review queue', () => {
    for (const field of ['internal', '_state', 'searchText', 'awaiting', 'awaitingSince', 'draftedAt', 'submittedAt']) {
      expect(card).not.toHaveProperty(field);
    }
    const shown = JSON.stringify(card);
    for (const secret of [people.drafter.id, people.submitter.id, people.approver.id, people.finance.id, 'focal point left', 'Nurlan', 'D-1']) {
      expect(shown).not.toContain(secret);
    }
  });

  it('shows the record, the money flows, the IATI status and the delivery rate', () => {
    expect(card).toMatchObject({
      projectId: 'PO.0143',
      primaId: 'KG10P0501',
      title: doc.title,
      status: 'suspended',
      iatiActivityStatus: 6,
      budget: doc.budget,
      committed: doc.committed,
      disbursed: 1_000_000,
      spent: 875_000,
      splits: doc.splits,
      transactionsPublic: doc.transactionsPublic,
      actualStartDate: '2019-03-01',
      deliveryRate: '87.50',
    });
  });

  it('leaves out any field it does not know to be public, so a field added later stays hidden', () => {
    expect(publicProjectCard({ ...doc, approverNotes: 'private' })).not.toHaveProperty('approverNotes');
  });

  it('has no delivery rate before anything is disbursed', () => {
    expect(publicProjectCard({ ...doc, disbursed: 0, spent: 0 }).deliveryRate).toBeNull();
  });
});

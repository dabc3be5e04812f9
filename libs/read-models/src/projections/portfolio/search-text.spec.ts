import type { RecordedEvent } from '#event-store';
import { TestFeed } from '../testing/test-feed.js';
import { documentAfter } from '../testing/views.js';
import { portfolioProjection, PROJECTS } from './portfolio-projection.js';
import { ProjectStory } from '../testing/fund-fixtures.js';
import type { ProjectDocument } from './project-document.js';
import { normalizedForSearch } from '../../search-normalization.js';

const projectAfter = (events: readonly RecordedEvent[]) => documentAfter<ProjectDocument>(portfolioProjection, PROJECTS, 'PO.0143', events);

describe('portfolio: text search in any language', () => {
  const feed = new TestFeed();
  new ProjectStory(feed).draft({
    title: {
      en: 'Strengthening the migration policy framework of Kyrgyzstan',
      ru: 'Миграция: укрепление нормативной базы',
      // Georgian capitals (Mtavruli) lower-case to the ordinary script.
      ka: 'ᲛᲘᲒᲠᲐᲪᲘᲐ და განვითარება',
    },
    description: {
      ar: 'دعم دائرة الهجرة الحكومية في صياغة سياسة وطنية للهجرة.',
      // Written decomposed (e + combining acute): found when searched precomposed.
      fr: 'Appui a la politique migratoire de\u0301cide\u0301e',
    },
  });
  const doc = projectAfter(feed.events);
  const finds = (word: string) => doc.searchText.includes(normalizedForSearch(word));

  it.each(['მიგრაცია', 'الهجرة', 'миграция', 'МИГРАЦИЯ', 'décidée', 'kg10p0501', 'PO.0143', 'Kyrgyzstan'])(
    'finds the project by %p',
    (word) => {
      expect(finds(word)).toBe(true);
    },
  );

  it.each(['decidee', 'DECIDEE', 'الهجره', 'الهِجْرة'])('finds the project by %p, typed without what the fold drops', (word) => {
    expect(finds(word)).toBe(true);
  });

  it('is folded for search (normalizedForSearch), ids first and then every title and description', () => {
    expect(doc.searchText).toBe(normalizedForSearch(doc.searchText));
    expect(doc.searchText).toContain('politique migratoire decidee');
    expect(doc.searchText.startsWith('po.0143 kg10p0501 ')).toBe(true);
    expect(finds('hunger')).toBe(false);
  });
});

describe('portfolio: the search text through the life of a project', () => {
  it('follows an amended title and description, and stays the same through events that change neither', () => {
    const feed = new TestFeed();
    const story = new ProjectStory(feed).draft({ title: { en: 'Migration policy' }, description: { en: 'Support to the ministry' } });
    const drafted = projectAfter(feed.events).searchText;
    story.prepare();
    expect(projectAfter(feed.events).searchText).toBe(drafted);

    story.send('AmendDraft', { title: { en: 'Labour migration', fr: 'Migration de travail' } }, { at: '2019-01-16T12:00:00.000Z' });
    const amended = projectAfter(feed.events).searchText;
    expect(amended).toContain('labour migration');
    expect(amended).toContain('migration de travail');
    expect(amended).not.toContain('migration policy');
    expect(amended).toContain('support to the ministry');

    story.submit().endorse();
    expect(projectAfter(feed.events).searchText).toBe(amended);
  });
});

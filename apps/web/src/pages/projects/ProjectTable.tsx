import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProjectListItem } from '../../api/portfolio-list';
import { DataTable, type Column } from '../../components/DataTable';
import type { Labels } from '../../components/filters/labels';
import { useFormat } from '../../format/format';
import { pickText } from '../../format/project-text';

/** One page of projects: each row's id links to its page; the title in the reader's language when the project has it. */
export function ProjectTable({ items, caption, labels }: { items: readonly ProjectListItem[]; caption: string; labels: Labels }) {
  const { t, i18n } = useTranslation('projects');
  const format = useFormat();
  const language = i18n.resolvedLanguage ?? 'en';
  const columns: Column<ProjectListItem>[] = [
    {
      key: 'projectId',
      header: t('columns.projectId'),
      rowHeader: true,
      cell: (project) => (
        <Link to={`/portal/projects/${encodeURIComponent(project.projectId)}`} className="project-id">
          {project.projectId}
        </Link>
      ),
    },
    {
      key: 'title',
      header: t('columns.title'),
      cell: (project) => {
        const title = pickText(project.title, language);
        return title ? (
          <span lang={title.language} dir={title.dir}>
            {title.text}
          </span>
        ) : (
          '—'
        );
      },
    },
    { key: 'type', header: t('columns.type'), cell: (project) => labels.type(project.thematicArea) },
    {
      key: 'coverage',
      header: t('columns.coverage'),
      cell: (project) => (
        <>
          {labels.coverage(project.coverage)}
          {project.stateCodes.length > 0 && (
            <>
              {': '}
              {project.stateCodes.map((code) => labels.state(code)).join(', ')}
            </>
          )}
        </>
      ),
    },
    { key: 'status', header: t('columns.status'), cell: (project) => labels.status(project.status) },
    { key: 'budget', header: t('columns.budget'), numeric: true, cell: (project) => <span data-amount={project.budget}>{format.money(project.budget)}</span> },
    { key: 'disbursed', header: t('columns.disbursed'), numeric: true, cell: (project) => <span data-amount={project.disbursed}>{format.money(project.disbursed)}</span> },
    { key: 'deliveryRate', header: t('columns.deliveryRate'), numeric: true, cell: (project) => format.percent(project.deliveryRate) },
  ];
  return <DataTable caption={caption} columns={columns} rows={items} rowKey={(project) => project.projectId} />;
}

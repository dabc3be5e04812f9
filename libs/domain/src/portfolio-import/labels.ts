import type { CodeListEntry } from '../fund/code-list/default-code-lists.js';
import type { Coverage } from '../project/commands.js';
import type { ProjectStatus } from '../project/state.js';
import type { ListLanguage } from './amounts.js';
import { foldLabel } from './folding.js';

/**
 * The statuses as the fund publishes them in its three languages. Each label belongs to
 * one language only, so a row's status also tells in which language its amounts are
 * written when the row does not say.
 */
const STATUS_LABELS: Readonly<Record<ListLanguage, Readonly<Record<ProjectStatus, readonly string[]>>>> = {
  en: {
    draft: ['Draft'],
    submitted: ['Submitted'],
    endorsed: ['Endorsed'],
    retained: ['Retained', 'Retained for later consideration'],
    approved: ['Approved'],
    active: ['Active', 'Ongoing', 'In progress', 'Under implementation'],
    suspended: ['Suspended'],
    completed: ['Completed', 'Finalisation', 'Finalization'],
    closed: ['Closed'],
    cancelled: ['Cancelled', 'Canceled'],
    rejected: ['Rejected', 'Not approved'],
  },
  fr: {
    draft: ['Brouillon'],
    submitted: ['Soumis'],
    endorsed: ['Avalisé', 'Approuvé par le gouvernement'],
    retained: ['Retenu', 'Mis en réserve'],
    approved: ['Approuvé'],
    active: ['En cours', 'Actif', 'En cours de mise en œuvre'],
    suspended: ['Suspendu'],
    completed: ['Achevé', 'Terminé'],
    closed: ['Clôturé', 'Clos', 'Fermé'],
    cancelled: ['Annulé'],
    rejected: ['Rejeté', 'Refusé'],
  },
  es: {
    draft: ['Borrador'],
    submitted: ['Presentado', 'Enviado'],
    endorsed: ['Respaldado', 'Avalado'],
    retained: ['Retenido', 'En reserva'],
    approved: ['Aprobado'],
    active: ['En curso', 'Activo', 'En ejecución'],
    suspended: ['Suspendido'],
    completed: ['Finalizado', 'Completado', 'Terminado'],
    closed: ['Cerrado'],
    cancelled: ['Cancelado', 'Anulado'],
    rejected: ['Rechazado'],
  },
};

const COVERAGE_LABELS: Readonly<Record<Coverage, readonly string[]>> = {
  national: ['National', 'Nationale', 'Nacional'],
  regional: ['Regional', 'Régional', 'Régionale'],
  global: ['Global', 'Globale', 'Mondial', 'Mondiale', 'Mundial'],
};

/**
 * French and Spanish labels of the default thematic areas and regions (the code lists hold
 * the English ones). An entry an admin added is found by its code or English labels.
 */
const TRANSLATED_LABELS: Readonly<Record<string, readonly string[]>> = {
  'counter-trafficking': ['Lutte contre la traite', 'Lutte contre la traite des personnes', 'Lucha contra la trata', 'Lucha contra la trata de personas'],
  'inter-governmental-dialogue-and-cooperation': ['Dialogue et coopération intergouvernementaux', 'Diálogo y cooperación intergubernamentales'],
  'labour-migration': ['Migration de main-d’œuvre', 'Migration de travail', 'Migración laboral'],
  'migration-and-development': ['Migration et développement', 'Migración y desarrollo'],
  'migration-environment-and-climate-change': ['Migration, environnement et changement climatique', 'Migración, medio ambiente y cambio climático'],
  'migration-and-health': ['Migration et santé', 'Migración y salud'],
  'border-management': ['Gestion des frontières', 'Gestión de fronteras'],
  'policy-and-legal-framework-development': [
    'Activités de politique migratoire',
    'Élaboration de politiques et de cadres juridiques',
    'Actividades de política migratoria',
    'Desarrollo de políticas y marcos jurídicos',
  ],
  'research-and-assessment': ['Recherche et évaluation', 'Investigación y evaluación'],
  'return-and-reintegration': ['Retour et réintégration', 'Retorno y reintegración'],
  africa: ['Afrique', 'África'],
  'asia-and-oceania': ['Asie et Océanie', 'Asia y Oceanía', 'Asia y el Pacífico'],
  europe: ['Europa'],
  'latin-america-and-the-caribbean': ['Amérique latine et Caraïbes', 'Amérique latine et les Caraïbes', 'América Latina y el Caribe'],
  global: ['Mondial', 'Global', 'Interrégional', 'Interregional'],
};

/** The status a label names, and the language the label is in; undefined when none does. */
export function statusOfLabel(label: string): { status: ProjectStatus; language: ListLanguage } | undefined {
  const folded = foldLabel(label);
  for (const [language, byStatus] of Object.entries(STATUS_LABELS) as [ListLanguage, Record<ProjectStatus, readonly string[]>][]) {
    for (const [status, labels] of Object.entries(byStatus) as [ProjectStatus, readonly string[]][]) {
      if (status === folded || labels.some((candidate) => foldLabel(candidate) === folded)) return { status, language };
    }
  }
  return undefined;
}

export function coverageOfLabel(label: string): Coverage | undefined {
  const folded = foldLabel(label);
  return (Object.entries(COVERAGE_LABELS) as [Coverage, readonly string[]][]).find(([, labels]) =>
    labels.some((candidate) => foldLabel(candidate) === folded),
  )?.[0];
}

/**
 * The code of a code-list entry named by `label`: its code, its label, its public label, or
 * (for the default entries) their French or Spanish labels, compared folded. The list is
 * the one in force, so an entry an admin added is found too.
 */
export function codeOfLabel(label: string, entries: readonly CodeListEntry[]): string | undefined {
  const folded = foldLabel(label);
  const match = (entry: CodeListEntry) =>
    [entry.code.replaceAll('-', ' '), entry.label, entry.publicLabel, ...(TRANSLATED_LABELS[entry.code] ?? [])].some(
      (candidate) => candidate !== undefined && foldLabel(candidate) === folded,
    );
  return entries.find(match)?.code;
}

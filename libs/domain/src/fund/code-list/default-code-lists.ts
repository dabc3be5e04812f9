/** One entry of a code list: a stable code, the English label staff see, and the label donors see when it differs. */
export interface CodeListEntry {
  code: string;
  label: string;
  /** Shown on public views instead of `label` (DOMAIN.md: policy work is shown as "migration policy activities"). */
  publicLabel?: string;
}

export const CODE_LIST_NAMES = ['thematic-areas', 'regions'] as const;
export type CodeListName = (typeof CODE_LIST_NAMES)[number];

export function isCodeListName(value: unknown): value is CodeListName {
  return typeof value === 'string' && (CODE_LIST_NAMES as readonly string[]).includes(value);
}

/**
 * The entries every list starts with (DOMAIN.md). They are the initial state of each list's
 * stream, so nothing needs seeding; an admin adds to them with AddCodeListEntry.
 */
export const DEFAULT_CODE_LISTS: Readonly<Record<CodeListName, readonly CodeListEntry[]>> = {
  'thematic-areas': [
    { code: 'counter-trafficking', label: 'Counter-trafficking' },
    { code: 'inter-governmental-dialogue-and-cooperation', label: 'Inter-governmental dialogue and cooperation' },
    { code: 'labour-migration', label: 'Labour migration' },
    { code: 'migration-and-development', label: 'Migration and development' },
    { code: 'migration-environment-and-climate-change', label: 'Migration, environment and climate change' },
    { code: 'migration-and-health', label: 'Migration and health' },
    { code: 'border-management', label: 'Border management' },
    {
      code: 'policy-and-legal-framework-development',
      label: 'Policy and legal framework development',
      publicLabel: 'Migration policy activities',
    },
    { code: 'research-and-assessment', label: 'Research and assessment' },
    { code: 'return-and-reintegration', label: 'Return and reintegration (government capacity only)' },
  ],
  regions: [
    { code: 'africa', label: 'Africa' },
    { code: 'asia-and-oceania', label: 'Asia and Oceania' },
    { code: 'europe', label: 'Europe' },
    { code: 'latin-america-and-the-caribbean', label: 'Latin America and the Caribbean' },
    { code: 'global', label: 'Global (cross-regional)' },
  ],
};

/** The label a public (donor) view shows. */
export function publicLabelOf(entry: CodeListEntry): string {
  return entry.publicLabel ?? entry.label;
}

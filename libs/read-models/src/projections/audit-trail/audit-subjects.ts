import {
  CODE_LIST_STATE_AMOUNTS,
  CONTRIBUTION_STATE_AMOUNTS,
  ENVELOPE_STATE_AMOUNTS,
  PROJECT_STATE_AMOUNTS,
  codeListDecider,
  contributionDecider,
  envelopeDecider,
  isCodeListName,
  isProjectEventType,
  projectDecider,
  type AmountSchema,
  type ContributionEvent,
  type EnvelopeEvent,
} from '#domain';

export type AuditSubjectType = 'project' | 'envelope' | 'contribution' | 'code-list';

/** The domain's fold of one stream, with the types of the events it knows. */
export interface SubjectFold {
  initialState(): unknown;
  evolve(state: unknown, event: { type: string; data: unknown }): unknown;
}

/**
 * What the trail needs to know about each kind of stream: its prefix, how to recognise its
 * events, the decider that folds it, and which fields of its state are maps (keyed by ids or
 * language tags) that the trail compares whole, as JSON, rather than field by field.
 */
export interface AuditSubjectKind {
  type: AuditSubjectType;
  prefix: string;
  knows(eventType: string): boolean;
  /** undefined when the stream cannot be one of these (a code list that does not exist). */
  foldFor(subjectId: string): SubjectFold | undefined;
  mapFields: ReadonlySet<string>;
  /** Which fields of its state are money and shares: how the API writes their before → after. */
  amounts: AmountSchema;
  /**
   * A map field of the state that grows with the portfolio, kept one document per entry
   * instead of inside the subject's document, and the entry an event touches (undefined:
   * none). The fold must only need that entry of the map to evolve the state by the event.
   */
  mapKeptApart?: MapKeptApart;
}

export interface MapKeptApart {
  field: string;
  keyOf(event: { type: string; data: Record<string, unknown> }): string | undefined;
}

const asFold = (decider: { initialState(): unknown; evolve(state: never, event: never): unknown }): SubjectFold =>
  decider as unknown as SubjectFold;

const ENVELOPE_TYPES: Readonly<Record<EnvelopeEvent['type'], true>> = {
  EnvelopeOpened: true,
  EnvelopeAdjusted: true,
  FundsReserved: true,
  FundsReleased: true,
};
const CONTRIBUTION_TYPES: Readonly<Record<ContributionEvent['type'], true>> = {
  ContributionPledged: true,
  ContributionReceived: true,
};

export const AUDIT_SUBJECT_KINDS: readonly AuditSubjectKind[] = [
  {
    type: 'project',
    prefix: 'project-',
    knows: isProjectEventType,
    foldFor: () => asFold(projectDecider),
    mapFields: new Set(['title', 'description', 'governmentEndorsements', 'reports', 'transactions']),
    amounts: PROJECT_STATE_AMOUNTS,
  },
  {
    type: 'envelope',
    prefix: 'envelope-',
    knows: (type) => Object.hasOwn(ENVELOPE_TYPES, type),
    foldFor: () => asFold(envelopeDecider),
    mapFields: new Set(['reservedByProject']),
    amounts: ENVELOPE_STATE_AMOUNTS,
    // An envelope holds an entry per project approved in its year; a reservation or a
    // release changes only its project's (and the decider reads only that one).
    mapKeptApart: {
      field: 'reservedByProject',
      keyOf: (event) => (typeof event.data['projectId'] === 'string' ? event.data['projectId'] : undefined),
    },
  },
  {
    type: 'contribution',
    prefix: 'contribution-',
    knows: (type) => Object.hasOwn(CONTRIBUTION_TYPES, type),
    foldFor: () => asFold(contributionDecider),
    mapFields: new Set(),
    amounts: CONTRIBUTION_STATE_AMOUNTS,
  },
  {
    type: 'code-list',
    prefix: 'code-list-',
    knows: (type) => type === 'CodeListEntryAdded',
    foldFor: (name) => (isCodeListName(name) ? asFold(codeListDecider(name)) : undefined),
    mapFields: new Set(),
    amounts: CODE_LIST_STATE_AMOUNTS,
  },
];

/** The kind of subject a stream is, by its prefix. */
export function subjectKindOf(streamId: string): AuditSubjectKind | undefined {
  return AUDIT_SUBJECT_KINDS.find((kind) => streamId.startsWith(kind.prefix));
}

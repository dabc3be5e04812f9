import type { AllowedCommand, StaffProject } from '../../../api/staff-project';

/**
 * What each project command's body holds (the controllers under
 * apps/api/src/projects/commands/*), as one table: every command is sent by the same form
 * (CommandForm), which draws these fields. A field's `name` is its place in the body
 * (`budget.operationalCosts` is nested); `effectiveOn`, the business date every command
 * accepts, is added to every form.
 */
export type FieldKind = 'text' | 'money' | 'date' | 'email' | 'longText' | 'state';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required?: boolean;
}

export type CommandGroup = 'review' | 'implementation' | 'money' | 'requests' | 'reports';

export interface CommandSpec {
  group: CommandGroup;
  fields: FieldSpec[];
  /** Rule 13 asks why for these; elsewhere a reason is welcome but optional (none: the body has no reason). */
  reason: 'required' | 'optional' | 'none';
  /** A decision that cannot be taken back: the button is styled as such. */
  weighty?: boolean;
}

const money = (name: string): FieldSpec => ({ name, kind: 'money', required: true });
const date = (name: string, required = true): FieldSpec => ({ name, kind: 'date', required });

export const COMMAND_FORMS: Record<string, CommandSpec> = {
  RecordGovernmentEndorsement: {
    group: 'review',
    fields: [{ name: 'state', kind: 'state', required: true }, date('endorsedOn'), { name: 'authority', kind: 'text', required: true }],
    reason: 'none',
  },
  SubmitProject: { group: 'review', fields: [], reason: 'optional' },
  EndorseProject: { group: 'review', fields: [], reason: 'optional' },
  ApproveProject: { group: 'review', fields: [], reason: 'optional' },
  RetainProject: { group: 'review', fields: [], reason: 'optional' },
  ReturnProject: { group: 'review', fields: [], reason: 'required' },
  RejectProject: { group: 'review', fields: [], reason: 'required', weighty: true },

  RecordFocalPoint: {
    group: 'implementation',
    fields: [{ name: 'name', kind: 'text', required: true }, { name: 'organisation', kind: 'text', required: true }, { name: 'email', kind: 'email' }],
    reason: 'none',
  },
  StartImplementation: { group: 'implementation', fields: [date('actualStartDate', false)], reason: 'none' },
  SuspendProject: { group: 'implementation', fields: [], reason: 'required' },
  ResumeProject: { group: 'implementation', fields: [], reason: 'optional' },
  CompleteProject: { group: 'implementation', fields: [date('actualEndDate', false)], reason: 'none' },
  CloseProject: { group: 'implementation', fields: [], reason: 'optional' },
  CancelProject: { group: 'implementation', fields: [], reason: 'required', weighty: true },

  RecordDisbursement: { group: 'money', fields: [money('amount'), date('valueDate'), { name: 'reference', kind: 'text' }], reason: 'none' },
  RecordExpenditure: { group: 'money', fields: [money('amount'), date('valueDate'), { name: 'reference', kind: 'text' }], reason: 'none' },
  RecordRefund: { group: 'money', fields: [money('amount'), date('valueDate'), { name: 'reference', kind: 'text' }], reason: 'optional' },
  CorrectTransaction: { group: 'money', fields: [money('correctedAmount')], reason: 'required' },

  RequestBudgetRevision: { group: 'requests', fields: [money('budget.staffAndOfficeCosts'), money('budget.operationalCosts')], reason: 'required' },
  ApproveBudgetRevision: { group: 'requests', fields: [], reason: 'optional' },
  RejectBudgetRevision: { group: 'requests', fields: [], reason: 'required' },
  RequestNoCostExtension: { group: 'requests', fields: [date('newEndDate')], reason: 'required' },
  ApproveNoCostExtension: { group: 'requests', fields: [], reason: 'optional' },
  RejectNoCostExtension: { group: 'requests', fields: [], reason: 'required' },

  SubmitReport: { group: 'reports', fields: [{ name: 'summary', kind: 'longText' }], reason: 'none' },
  AcceptReport: { group: 'reports', fields: [], reason: 'optional' },
  RejectReport: { group: 'reports', fields: [], reason: 'required' },
};

export const COMMAND_GROUPS: CommandGroup[] = ['review', 'implementation', 'money', 'requests', 'reports'];

/** The commands this page has a form for, of those the card allows (AmendDraft edits the whole proposal: the draft form's task). */
export function formsFor(allowed: readonly AllowedCommand[]): (AllowedCommand & { spec: CommandSpec })[] {
  return allowed.flatMap((entry) => {
    const spec = COMMAND_FORMS[entry.command];
    return spec ? [{ ...entry, spec }] : [];
  });
}

/** A stable key for one allowed command (the same command may name several reports or transactions). */
export function intentKey(entry: AllowedCommand): string {
  return [entry.command, entry.requestId, entry.reportId, entry.transactionId, entry.reportKind].filter(Boolean).join(':');
}

export type FormValues = Record<string, string>;

export interface FieldProblem {
  field: string;
  message: string;
}

const DECIMAL = /^\d+(\.\d{1,2})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the form can tell before sending: required fields, amounts and dates in the API's forms. */
export function checkValues(spec: CommandSpec, values: FormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const fields = [...spec.fields, date('effectiveOn', false)];
  for (const field of fields) {
    const value = (values[field.name] ?? '').trim();
    if (value === '') {
      if (field.required) problems.push({ field: field.name, message: 'required' });
    } else if (field.kind === 'money' && !DECIMAL.test(value)) {
      problems.push({ field: field.name, message: 'money' });
    } else if (field.kind === 'date' && !ISO_DATE.test(value)) {
      problems.push({ field: field.name, message: 'date' });
    }
  }
  if (spec.reason === 'required' && (values['reason'] ?? '').trim() === '') problems.push({ field: 'reason', message: 'required' });
  return problems;
}

/** The body the API expects: empty optional fields left out, dotted names nested, the report kind the card named. */
export function bodyOf(entry: AllowedCommand, spec: CommandSpec, values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const names = [...spec.fields.map((field) => field.name), 'effectiveOn', ...(spec.reason === 'none' ? [] : ['reason'])];
  for (const name of names) {
    const value = (values[name] ?? '').trim();
    if (value === '') continue;
    const [head, tail] = name.split('.') as [string, string | undefined];
    if (tail) body[head] = { ...((body[head] as Record<string, unknown>) ?? {}), [tail]: value };
    else body[head] = value;
  }
  if (entry.command === 'SubmitReport' && entry.reportKind) body['kind'] = entry.reportKind;
  return body;
}

/** The field a problem's `errors` entry names: `field` ("budget.operationalCosts") or a JSON pointer ("/budget/operationalCosts"). */
export function fieldOfError(error: { field?: string; pointer?: string }): string | undefined {
  if (error.field) return error.field;
  if (error.pointer) return error.pointer.replace(/^\//, '').split('/').join('.');
  return undefined;
}

/** Beneficiary states whose government has not endorsed the project yet: the endorsement form's choices. */
export function statesToEndorse(project: StaffProject): string[] {
  return project.beneficiaryStates.map((state) => state.code).filter((code) => !(code in (project.governmentEndorsements ?? {})));
}

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../api/client';
import type { AllowedCommand, StaffProject } from '../../../api/staff-project';
import { useFormat } from '../../../format/format';
import { bodyOf, checkValues, fieldOfError, statesToEndorse, type CommandSpec, type FieldProblem, type FieldSpec, type FormValues } from './command-forms';
import { isStale, useCommandIntent, type CommandResult } from './send-command';

/**
 * The one form every project command is sent with: the fields its table entry names
 * (command-forms.ts), the reason where rule 13 asks for one, and the business date. The
 * API's refusal is shown next to the form (its detail, and each field's error next to the
 * field); a 412 is handed to the page, which shows what changed.
 */
export function CommandForm({
  entry,
  spec,
  project,
  ifMatch,
  onRecorded,
  onStale,
  onCancel,
}: {
  entry: AllowedCommand;
  spec: CommandSpec;
  project?: StaffProject;
  ifMatch: string | undefined;
  onRecorded: (result: CommandResult) => void;
  onStale: (problem: ApiProblem) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('workbenchCommands');
  const id = useId();
  const { state, send } = useCommandIntent(entry.path, ifMatch);
  const [values, setValues] = useState<FormValues>(() => initialValues(entry, project));
  const [checked, setChecked] = useState<FieldProblem[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  // An opened form takes the keyboard to its first field, so Tab, typing and Enter send it.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select, textarea, button[type="submit"]')?.focus();
  }, []);
  const sending = state.kind === 'sending';
  const problem = state.kind === 'refused' && !isStale(state.problem) ? state.problem : undefined;
  const apiFieldErrors: FieldProblem[] =
    problem instanceof ApiProblem
      ? (problem.body.errors ?? []).flatMap((error) => {
          const field = fieldOfError(error);
          return field ? [{ field, message: error.message ?? error.detail ?? error.code ?? '' }] : [];
        })
      : [];
  const label = t(`commands.${entry.command}`, { defaultValue: entry.command });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    const problems = checkValues(spec, values);
    setChecked(problems);
    if (problems.length > 0) {
      document.getElementById(`${id}-${problems[0]!.field}`)?.focus();
      return;
    }
    const { result, problem: refused } = await send(bodyOf(entry, spec, values));
    if (result) onRecorded(result);
    else if (isStale(refused)) onStale(refused);
  }

  const messageFor = (name: string): string | undefined => {
    const mine = checked.find((p) => p.field === name);
    if (mine) return t(`check.${mine.message}`);
    return apiFieldErrors.find((p) => p.field === name || p.field.endsWith(`.${name}`))?.message;
  };
  const set = (name: string) => (value: string) => setValues((before) => ({ ...before, [name]: value }));
  const fields: FieldSpec[] = [...spec.fields, ...(spec.reason === 'none' ? [] : [{ name: 'reason', kind: 'longText' as const, required: spec.reason === 'required' }]), { name: 'effectiveOn', kind: 'date' as const }];

  return (
    <form ref={formRef} className="command-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-title`} aria-busy={sending}>
      <h3 id={`${id}-title`}>{label}</h3>
      <Subject entry={entry} />
      {fields.map((field) => (
        <Field key={field.name} id={`${id}-${field.name}`} field={field} value={values[field.name] ?? ''} onChange={set(field.name)} error={messageFor(field.name)} project={project} />
      ))}
      {problem && (
        <div role="alert" className="problem">
          <p>
            <strong>{t('refused')}</strong>
          </p>
          <p>{problem.message}</p>
          {problem instanceof ApiProblem && problem.code && <p className="problem-code">{problem.code}</p>}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className={spec.weighty ? 'weighty' : undefined} disabled={sending}>
          {label}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={sending}>
          {t('cancel')}
        </button>
        <span role="status" className="sending">
          {sending ? t('sending') : ''}
        </span>
      </div>
    </form>
  );
}

/** What the command acts on, when it names something: the request, report or transaction. */
function Subject({ entry }: { entry: AllowedCommand }) {
  const { t } = useTranslation('workbenchCommands');
  const parts = [
    entry.requestId && t('subject.request', { id: entry.requestId }),
    entry.reportId && t('subject.report', { id: entry.reportId }),
    entry.transactionId && t('subject.transaction', { id: entry.transactionId }),
    entry.reportKind && t('subject.reportKind', { kind: t(`reportKinds.${entry.reportKind}`) }),
  ].filter(Boolean);
  return parts.length > 0 ? <p className="hint">{parts.join(' · ')}</p> : null;
}

function Field({ id, field, value, onChange, error, project }: { id: string; field: FieldSpec; value: string; onChange: (value: string) => void; error: string | undefined; project?: StaffProject }) {
  const { t } = useTranslation('workbenchCommands');
  const format = useFormat();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hint = t(`hints.${field.name}`, { defaultValue: '' });
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, value, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, 'aria-required': field.required || undefined } as const;
  let control;
  if (field.kind === 'state') {
    const choices = project ? statesToEndorse(project) : [];
    control = (
      <select {...common} onChange={(event) => onChange(event.target.value)}>
        {choices.map((code) => (
          <option key={code} value={code}>
            {format.country(code)} ({code})
          </option>
        ))}
      </select>
    );
  } else if (field.kind === 'longText') {
    control = <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />;
  } else {
    const type = field.kind === 'date' ? 'date' : field.kind === 'email' ? 'email' : 'text';
    control = <input {...common} type={type} inputMode={field.kind === 'money' ? 'decimal' : undefined} autoComplete="off" onChange={(event) => onChange(event.target.value)} />;
  }
  return (
    <div className="form-field">
      <label htmlFor={id}>
        {t(`fields.${field.name}`)}
        {!field.required && <span className="optional"> {t('optional')}</span>}
      </label>
      {control}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

function initialValues(entry: AllowedCommand, project: StaffProject | undefined): FormValues {
  if (entry.command === 'RecordGovernmentEndorsement' && project) return { state: statesToEndorse(project)[0] ?? '' };
  return {};
}

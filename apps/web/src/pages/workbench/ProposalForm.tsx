import { useQueryClient } from '@tanstack/react-query';
import { getAlpha2Codes } from 'i18n-iso-countries';
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiProblem, sendJson } from '../../api/client';
import { rememberPosition } from '../../api/read-your-writes';
import { etagOf, staffProjectKey, type StaffProject } from '../../api/staff-project';
import { useFundPolicy, type FundPolicy } from '../../api/fund-policy';
import { useSession } from '../../api/session';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useCodeList } from '../../components/filters/labels';
import { amountOf } from '../../format/cents';
import { useFormat } from '../../format/format';
import { directionOf } from '../../format/project-text';
import { ChangedSince } from './commands/ChangedSince';
import { isStale } from './commands/send-command';
import { amendRequestOf, budgetFigures, draftOf, draftRequestOf, fieldKeyOf, proposalErrors, type Coverage, type FieldErrors, type ProposalDraft, type ProposalOnCard } from './proposal-checks';

/** Languages a proposal is usually written in; the fund's partners write in any of them. */
const TEXT_LANGUAGES = ['en', 'fr', 'es', 'ru', 'ar', 'zh', 'pt', 'tr', 'fa', 'ur', 'uk', 'ky', 'kk', 'uz', 'tg', 'ka', 'hy', 'az'];
const COVERAGES: Coverage[] = ['national', 'regional', 'global'];

/** An element id for a field key (`budget.staffAndOfficeCosts` → `f-budget-staffAndOfficeCosts`). */
const idOf = (key: string) => `f-${key.replace(/[^A-Za-z0-9]+/g, '-')}`;

interface Sent {
  projectId: string;
  position: string | null;
}

function emptyDraft(policy: FundPolicy | undefined): ProposalDraft {
  return {
    projectId: '',
    primaId: '',
    texts: [{ language: 'en', title: '', description: '' }],
    thematicArea: '',
    coverage: 'national',
    region: '',
    fundingLine: '1',
    year: policy ? policy.today.slice(0, 4) : String(new Date().getFullYear()),
    plannedStartDate: '',
    plannedEndDate: '',
    states: [],
    staffAndOfficeCosts: '',
    operationalCosts: '',
    effectiveOn: '',
  };
}

/**
 * /workbench/projects/new — a fund manager drafts a proposal (POST /projects). What the
 * rules refuse (staff costs over the limit, shares not adding to 100, a budget over the
 * ceiling of its line and coverage) is refused here before sending, from the fund's policy
 * (GET /fund/policy); what only the server knows (an id already used…) comes back as a
 * problem whose `errors` are shown next to the fields they name. One Idempotency-Key per
 * opening of the form: a double click or a retry after a lost answer records once.
 */
export function ProposalForm() {
  const { t } = useTranslation('workbench');
  useDocumentTitle(t('proposal.title'));
  const session = useSession();
  const policy = useFundPolicy();
  if (session.data && !session.data.roles?.includes('fund-manager')) {
    return (
      <section>
        <h1>{t('proposal.title')}</h1>
        <p>{t('proposal.fundManagersOnly')}</p>
      </section>
    );
  }
  if (policy.isPending) return <p role="status">{t('loading')}</p>;
  return <ProposalFormBody policy={policy.data} policyError={policy.error} />;
}

/** A draft being amended: its card (the form's first values, and its revision the If-Match) and where AmendDraft is sent. */
export interface Amending {
  project: StaffProject & ProposalOnCard;
  path: string;
}

/**
 * The proposal's fields, checks and sending: a new proposal (POST /projects), or with
 * `amending` the same form filled from a draft's card and sent as AmendDraft with the
 * card's revision as If-Match (a draft changed meanwhile gets the 412 view).
 */
export function ProposalFormBody({ policy, policyError, amending }: { policy: FundPolicy | undefined; policyError: unknown; amending?: Amending }) {
  const { t, i18n } = useTranslation('workbench');
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const areas = useCodeList('thematic-areas');
  const regions = useCodeList('regions');
  const [draft, setDraft] = useState<ProposalDraft>(() => (amending ? draftOf(amending.project) : emptyDraft(policy)));
  const [stale, setStale] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ApiProblem | Error | undefined>();
  const [sending, setSending] = useState(false);
  const idempotencyKey = useRef(crypto.randomUUID());
  const summary = useRef<HTMLDivElement>(null);
  const [newLanguage, setNewLanguage] = useState('');
  const [newState, setNewState] = useState('');

  const countries = useMemo(
    () =>
      Object.keys(getAlpha2Codes())
        .map((code) => ({ code, name: format.country(code) }))
        .sort((a, b) => a.name.localeCompare(b.name, i18n.language)),
    [format, i18n.language],
  );
  const languageName = useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
    return (code: string) => names.of(code) ?? code;
  }, [i18n.language]);

  const figures = budgetFigures(draft, policy);
  const update = (change: Partial<ProposalDraft>) => setDraft((previous) => ({ ...previous, ...change }));

  /** The message shown for a field: the form's own check, else what the server said. */
  const messageOf = (key: string): string | undefined => {
    const own = errors[key];
    if (own) return t(own.key, own.values);
    return serverErrors[key];
  };
  const fieldProps = (key: string, hint?: string) => {
    const message = messageOf(key);
    const describedBy = [message ? `${idOf(key)}-error` : undefined, hint].filter(Boolean).join(' ');
    return { id: idOf(key), 'aria-invalid': message ? true : undefined, ...(describedBy ? { 'aria-describedby': describedBy } : {}) };
  };
  const errorOf = (key: string): ReactNode => {
    const message = messageOf(key);
    return message ? (
      <p className="field-error" id={`${idOf(key)}-error`}>
        {message}
      </p>
    ) : null;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    const found = proposalErrors(draft, policy);
    setErrors(found);
    setServerErrors({});
    setProblem(undefined);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setSending(true);
    try {
      const sent = amending
        ? await sendJson<Sent>('POST', amending.path, amendRequestOf(draft), { 'idempotency-key': idempotencyKey.current, 'if-match': etagOf(amending.project) })
        : await sendJson<Sent>('POST', '/projects', draftRequestOf(draft), { 'idempotency-key': idempotencyKey.current });
      rememberPosition(sent.position);
      await queryClient.invalidateQueries({ queryKey: ['workbench'] });
      const query = sent.position ? `?minPosition=${encodeURIComponent(sent.position)}` : '';
      navigate(`/workbench/projects/${encodeURIComponent(sent.projectId)}${query}`);
    } catch (error) {
      if (isStale(error)) {
        setStale(true);
        return;
      }
      if (error instanceof ApiProblem) {
        // A refusal recorded nothing: a corrected proposal is a new attempt with its own key.
        if (error.status >= 400 && error.status < 500) idempotencyKey.current = crypto.randomUUID();
        const byField: Record<string, string> = {};
        for (const fieldError of error.body.errors ?? []) {
          const key = fieldKeyOf(fieldError);
          const message = fieldError.message ?? fieldError.detail ?? '';
          if (key) byField[key] = byField[key] ? `${byField[key]}; ${message}` : message;
        }
        setServerErrors(byField);
      }
      setProblem(error instanceof Error ? error : new Error(String(error)));
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setSending(false);
    }
  }

  const known = new Set(fieldKeys(draft));
  const ownErrors = Object.keys(errors);
  // Server errors whose field the form has no input for are listed in the alert only.
  const unplaced = Object.entries(serverErrors).filter(([key]) => !known.has(key));
  const languagesLeft = TEXT_LANGUAGES.filter((code) => !draft.texts.some((text) => text.language === code));
  const statesLeft = countries.filter((country) => !draft.states.some((state) => state.code === country.code));

  return (
    <section className="proposal-form">
      <p>
        <Link to="/workbench">{t('backToWorkbench')}</Link>
      </p>
      <h1>{amending ? t('amend.title', { projectId: amending.project.projectId }) : t('proposal.title')}</h1>
      <p className="lead">{amending ? t('amend.intro') : t('proposal.intro')}</p>
      {stale && amending && (
        <ChangedSince
          projectId={amending.project.projectId}
          had={amending.project}
          now={undefined}
          onStartAgain={() => {
            void queryClient.invalidateQueries({ queryKey: staffProjectKey(amending.project.projectId) });
            navigate(`/workbench/projects/${encodeURIComponent(amending.project.projectId)}`);
          }}
        />
      )}
      {policyError ? (
        <p role="alert" className="problem">
          {t('proposal.policyUnavailable')}
        </p>
      ) : null}
      <div ref={summary} tabIndex={-1} className="form-summary" aria-live="assertive">
        {ownErrors.length > 0 && (
          <div role="alert" className="problem">
            <p>{t('proposal.notSent', { count: ownErrors.length })}</p>
            <ul>
              {ownErrors.map((key) => (
                <li key={key}>
                  <a href={`#${idOf(key)}`}>{t(`fields.${key.split('.')[0]}`)}</a>: {messageOf(key)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {problem && (
          <div role="alert" className="problem">
            <p>
              {t('proposal.refused')} {problem instanceof ApiProblem ? problem.body.detail ?? problem.message : problem.message}
            </p>
            {unplaced.length > 0 && (
              <ul>
                {unplaced.map(([key, message]) => (
                  <li key={key}>
                    {key}: {message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>

      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('proposal.identity')}</legend>
          <div className="field">
            <label htmlFor={idOf('projectId')}>{t('fields.projectId')}</label>
            <input {...fieldProps('projectId', 'hint-projectId')} value={draft.projectId} readOnly={amending !== undefined} onChange={(e) => update({ projectId: e.target.value })} autoComplete="off" />
            <p className="hint" id="hint-projectId">
              {t('hints.projectId')}
            </p>
            {errorOf('projectId')}
          </div>
          <div className="field">
            <label htmlFor={idOf('primaId')}>{t('fields.primaId')}</label>
            <input {...fieldProps('primaId')} value={draft.primaId} onChange={(e) => update({ primaId: e.target.value })} autoComplete="off" />
            {errorOf('primaId')}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('proposal.texts')}</legend>
          {errorOf('title')}
          {errorOf('description')}
          {draft.texts.map((text, index) => {
            const dir = directionOf(text.language);
            const name = languageName(text.language);
            const change = (patch: Partial<typeof text>) => update({ texts: draft.texts.map((other, i) => (i === index ? { ...other, ...patch } : other)) });
            return (
              <div className="text-language" key={text.language}>
                <h3>{name}</h3>
                <div className="field">
                  <label htmlFor={idOf(`title.${text.language}`)}>{t('fields.titleIn', { language: name })}</label>
                  <input {...fieldProps(`title.${text.language}`)} lang={text.language} dir={dir} value={text.title} onChange={(e) => change({ title: e.target.value })} />
                  {errorOf(`title.${text.language}`)}
                </div>
                <div className="field">
                  <label htmlFor={idOf(`description.${text.language}`)}>{t('fields.descriptionIn', { language: name })}</label>
                  <textarea
                    {...fieldProps(`description.${text.language}`)}
                    lang={text.language}
                    dir={dir}
                    rows={3}
                    value={text.description}
                    onChange={(e) => change({ description: e.target.value })}
                  />
                  {errorOf(`description.${text.language}`)}
                </div>
                {draft.texts.length > 1 && (
                  <button type="button" className="secondary" onClick={() => update({ texts: draft.texts.filter((_, i) => i !== index) })}>
                    {t('proposal.removeLanguage', { language: name })}
                  </button>
                )}
              </div>
            );
          })}
          <div className="add-row">
            <label htmlFor="add-language">{t('proposal.addLanguage')}</label>
            <select id="add-language" value={newLanguage} onChange={(e) => setNewLanguage(e.target.value)}>
              <option value="">{t('proposal.chooseLanguage')}</option>
              {languagesLeft.map((code) => (
                <option key={code} value={code}>
                  {languageName(code)}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={newLanguage === ''}
              onClick={() => {
                update({ texts: [...draft.texts, { language: newLanguage, title: '', description: '' }] });
                setNewLanguage('');
              }}
            >
              {t('proposal.add')}
            </button>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('proposal.scope')}</legend>
          <div className="field">
            <label htmlFor={idOf('thematicArea')}>{t('fields.thematicArea')}</label>
            <select {...fieldProps('thematicArea')} value={draft.thematicArea} onChange={(e) => update({ thematicArea: e.target.value })}>
              <option value="">{t('proposal.choose')}</option>
              {(areas.data?.entries ?? []).map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.label}
                </option>
              ))}
            </select>
            {errorOf('thematicArea')}
          </div>
          <div className="field">
            <label htmlFor={idOf('coverage')}>{t('fields.coverage')}</label>
            <select {...fieldProps('coverage')} value={draft.coverage} onChange={(e) => update({ coverage: e.target.value as Coverage })}>
              {COVERAGES.map((coverage) => (
                <option key={coverage} value={coverage}>
                  {t(`coverage.${coverage}`)}
                </option>
              ))}
            </select>
            {errorOf('coverage')}
          </div>
          <div className="field">
            <label htmlFor={idOf('region')}>{t('fields.region')}</label>
            <select {...fieldProps('region')} value={draft.region} onChange={(e) => update({ region: e.target.value })}>
              <option value="">{t('proposal.choose')}</option>
              {(regions.data?.entries ?? []).map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.label}
                </option>
              ))}
            </select>
            {errorOf('region')}
          </div>
          <div className="field">
            <label htmlFor={idOf('fundingLine')}>{t('fields.fundingLine')}</label>
            <select {...fieldProps('fundingLine')} value={draft.fundingLine} onChange={(e) => update({ fundingLine: e.target.value as '1' | '2' })}>
              <option value="1">{t('line', { line: 1 })}</option>
              <option value="2">{t('line', { line: 2 })}</option>
            </select>
            {errorOf('fundingLine')}
          </div>
          <div className="field">
            <label htmlFor={idOf('year')}>{t('fields.year')}</label>
            <input {...fieldProps('year')} inputMode="numeric" value={draft.year} onChange={(e) => update({ year: e.target.value })} />
            {errorOf('year')}
          </div>
          <div className="field">
            <label htmlFor={idOf('plannedStartDate')}>{t('fields.plannedStartDate')}</label>
            <input {...fieldProps('plannedStartDate')} type="date" value={draft.plannedStartDate} onChange={(e) => update({ plannedStartDate: e.target.value })} />
            {errorOf('plannedStartDate')}
          </div>
          <div className="field">
            <label htmlFor={idOf('plannedEndDate')}>{t('fields.plannedEndDate')}</label>
            <input {...fieldProps('plannedEndDate')} type="date" value={draft.plannedEndDate} onChange={(e) => update({ plannedEndDate: e.target.value })} />
            {errorOf('plannedEndDate')}
          </div>
        </fieldset>

        <fieldset aria-describedby="hint-states">
          <legend id={idOf('beneficiaryStates')} tabIndex={-1}>
            {t('fields.beneficiaryStates')}
          </legend>
          <p className="hint" id="hint-states">
            {t('hints.states')}
          </p>
          {errorOf('beneficiaryStates')}
          {draft.states.length > 0 && (
            <ul className="state-rows">
              {draft.states.map((state, index) => {
                const name = format.country(state.code);
                const key = `beneficiaryStates.${index}.share`;
                return (
                  <li key={state.code}>
                    <span className="state-name">{name}</span>
                    <label htmlFor={idOf(key)}>{t('fields.shareOf', { state: name })}</label>
                    <input
                      {...fieldProps(key)}
                      className="share"
                      inputMode="decimal"
                      value={state.share}
                      onChange={(e) => update({ states: draft.states.map((other, i) => (i === index ? { ...other, share: e.target.value } : other)) })}
                    />
                    <button type="button" className="secondary" onClick={() => update({ states: draft.states.filter((_, i) => i !== index) })}>
                      {t('proposal.removeState', { state: name })}
                    </button>
                    {errorOf(key)}
                  </li>
                );
              })}
            </ul>
          )}
          <div className="add-row">
            <label htmlFor="add-state">{t('proposal.addState')}</label>
            <select id="add-state" value={newState} onChange={(e) => setNewState(e.target.value)}>
              <option value="">{t('proposal.chooseState')}</option>
              {statesLeft.map((country) => (
                <option key={country.code} value={country.code}>
                  {country.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={newState === ''}
              onClick={() => {
                update({ states: [...draft.states, { code: newState, share: '' }] });
                setNewState('');
              }}
            >
              {t('proposal.add')}
            </button>
          </div>
        </fieldset>

        <fieldset>
          <legend id={idOf('budget')} tabIndex={-1}>
            {t('fields.budget')}
          </legend>
          <div className="field">
            <label htmlFor={idOf('budget.staffAndOfficeCosts')}>{t('fields.staffAndOfficeCosts')}</label>
            <input
              {...fieldProps('budget.staffAndOfficeCosts', 'budget-staff-share')}
              inputMode="decimal"
              value={draft.staffAndOfficeCosts}
              onChange={(e) => update({ staffAndOfficeCosts: e.target.value })}
            />
            {errorOf('budget.staffAndOfficeCosts')}
          </div>
          <div className="field">
            <label htmlFor={idOf('budget.operationalCosts')}>{t('fields.operationalCosts')}</label>
            <input {...fieldProps('budget.operationalCosts')} inputMode="decimal" value={draft.operationalCosts} onChange={(e) => update({ operationalCosts: e.target.value })} />
            {errorOf('budget.operationalCosts')}
          </div>
          <dl className="budget-check" aria-live="polite">
            <div>
              <dt>{t('budget.total')}</dt>
              <dd>{figures.total === undefined ? '—' : <data value={amountOf(figures.total)}>{format.money(amountOf(figures.total))}</data>}</dd>
            </div>
            <div className={figures.staffOverLimit ? 'over' : undefined} id="budget-staff-share">
              <dt>{t('budget.staffShare', { limit: policy?.staffAndOfficeCostsMaxPercent ?? '—' })}</dt>
              <dd>
                {figures.staffShare === undefined ? '—' : format.percent(figures.staffShare.toFixed(2))}
                {figures.staffOverLimit ? ` — ${t('budget.overLimit')}` : ''}
              </dd>
            </div>
            {figures.ceiling !== undefined && (
              <div className={figures.overCeiling ? 'over' : undefined}>
                <dt>{t('budget.ceiling', { line: draft.fundingLine, coverage: t(`coverage.${draft.coverage}`) })}</dt>
                <dd>
                  <data value={amountOf(figures.ceiling)}>{format.money(amountOf(figures.ceiling))}</data>
                  {figures.overCeiling ? ` — ${t('budget.overCeiling')}` : ''}
                </dd>
              </div>
            )}
            {figures.floor !== undefined && (
              <div className={figures.belowFloor ? 'warn' : undefined}>
                <dt>{t('budget.floor', { coverage: t(`coverage.${draft.coverage}`) })}</dt>
                <dd>
                  <data value={amountOf(figures.floor)}>{format.money(amountOf(figures.floor))}</data>
                  {figures.belowFloor ? ` — ${t('budget.belowFloor')}` : ''}
                </dd>
              </div>
            )}
          </dl>
          {errorOf('budget')}
        </fieldset>

        <fieldset>
          <legend>{t('proposal.recording')}</legend>
          <div className="field">
            <label htmlFor={idOf('effectiveOn')}>{t('fields.effectiveOn')}</label>
            <input {...fieldProps('effectiveOn', 'hint-effectiveOn')} type="date" value={draft.effectiveOn} onChange={(e) => update({ effectiveOn: e.target.value })} />
            <p className="hint" id="hint-effectiveOn">
              {t('hints.effectiveOn')}
            </p>
            {errorOf('effectiveOn')}
          </div>
        </fieldset>

        <button type="submit" className="primary" disabled={sending} aria-disabled={sending}>
          {sending ? t('proposal.sending') : amending ? t('amend.send') : t('proposal.send')}
        </button>
      </form>
    </section>
  );
}

/** The keys of the fields this form has an input (or a group) for. */
function fieldKeys(draft: ProposalDraft): string[] {
  return [
    'projectId',
    'primaId',
    'title',
    'description',
    ...draft.texts.flatMap((text) => [`title.${text.language}`, `description.${text.language}`]),
    'thematicArea',
    'coverage',
    'region',
    'fundingLine',
    'year',
    'plannedStartDate',
    'plannedEndDate',
    'beneficiaryStates',
    ...draft.states.map((_, index) => `beneficiaryStates.${index}.share`),
    'budget',
    'budget.staffAndOfficeCosts',
    'budget.operationalCosts',
    'effectiveOn',
  ];
}

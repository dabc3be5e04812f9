import { DomainError } from '../../shared/domain-error.js';
import { cents } from '../../shared/money.js';
import type { ImportProject, ImportedRecordInput } from '../commands.js';
import { decideProject } from '../decide.js';
import type { ProjectEvent } from '../events.js';
import { evolveProject } from '../evolve.js';
import { initialProjectState, type ProjectState } from '../state.js';
import { policy, proposal, usd } from '../testing/project-fixtures.js';

const IMPORTED_AT = '2026-12-05T09:00:00.000Z';
const SOURCE = { fileName: 'portfolio-en.csv', sha256: 'ab'.repeat(32), line: 2 };

function record(overrides: Partial<ImportedRecordInput> = {}): ImportedRecordInput {
  const { projectId: _p, ...fields } = proposal({ budget: { staffAndOfficeCosts: cents(0), operationalCosts: usd('37887.00') } });
  return { ...fields, status: 'completed', disbursed: usd('37887.00'), spent: usd('36950.25'), breakdownGiven: false, ...overrides };
}

function importing(overrides: Partial<ImportedRecordInput> = {}, source = SOURCE, by = 'importer'): ImportProject {
  return {
    type: 'ImportProject',
    data: { projectId: 'PO.0143', record: record(overrides), source },
    context: { actor: { id: by, role: 'admin' }, at: IMPORTED_AT },
    policy,
  };
}

function fold(events: readonly ProjectEvent[], state: ProjectState = initialProjectState()): ProjectState {
  return events.reduce(evolveProject, state);
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('importing a project of the published list', () => {
  it('records the project as it stands in one ProjectImported, at its status, with its committed money', () => {
    const events = decideProject(importing(), initialProjectState());
    expect(events.map((event) => event.type)).toEqual(['ProjectImported']);
    expect(events[0]!.data).toMatchObject({ status: 'completed', committed: usd('37887.00'), importedBy: 'importer', source: SOURCE, effectiveOn: '2026-12-05' });
    const state = fold(events);
    expect(state).toMatchObject({ status: 'completed', committed: usd('37887.00'), disbursed: usd('37887.00'), spent: usd('36950.25'), budgetTotal: usd('37887.00') });
  });

  it('commits only the net disbursed of a closed or cancelled project, and nothing of a rejected one', () => {
    const closed = fold(decideProject(importing({ status: 'closed', disbursed: usd('30000.00') }), initialProjectState()));
    expect(closed).toMatchObject({ status: 'closed', committed: usd('30000.00') });
    const rejected = fold(decideProject(importing({ status: 'rejected', disbursed: cents(0), spent: cents(0) }), initialProjectState()));
    expect(rejected).toMatchObject({ status: 'rejected', committed: 0 });
  });

  it('refuses a proposal still in review, money beyond the budget, and a shape the fund does not accept', () => {
    expect(refusal(() => decideProject(importing({ status: 'submitted' }), initialProjectState()))).toBe('import.status-not-importable');
    expect(refusal(() => decideProject(importing({ disbursed: usd('40000.00') }), initialProjectState()))).toBe('disbursement.exceeds-budget');
    expect(refusal(() => decideProject(importing({ spent: usd('40000.00') }), initialProjectState()))).toBe('expenditure.exceeds-budget');
    expect(refusal(() => decideProject(importing({ coverage: 'regional' }), initialProjectState()))).toBe('coverage.beneficiary-states');
    expect(refusal(() => decideProject(importing({ budget: { staffAndOfficeCosts: usd('20000.00'), operationalCosts: usd('17887.00') }, breakdownGiven: true }), initialProjectState()))).toBe(
      'budget.staff-costs-exceeded',
    );
  });

  it('imports a budget above today\'s ceiling: the project was funded under the ceilings of its day', () => {
    const events = decideProject(importing({ budget: { staffAndOfficeCosts: cents(0), operationalCosts: usd('120000.00') }, disbursed: cents(0), spent: cents(0) }), initialProjectState());
    expect(fold(events)).toMatchObject({ budgetTotal: usd('120000.00'), committed: usd('120000.00') });
  });

  it('records nothing for the same row again, whoever imports it', () => {
    const state = fold(decideProject(importing(), initialProjectState()));
    expect(decideProject(importing({}, { ...SOURCE, sha256: 'cd'.repeat(32) }, 'importer-2'), state)).toEqual([]);
  });

  it('records a changed row as a correction, before → after, with the committed difference', () => {
    const state = fold(decideProject(importing({ status: 'active', disbursed: usd('20000.00'), spent: cents(0) }), initialProjectState()));
    const events = decideProject(importing({ status: 'closed', disbursed: usd('30000.00'), spent: usd('30000.00') }, { ...SOURCE, line: 7 }), state);
    expect(events.map((event) => event.type)).toEqual(['ProjectImportCorrected']);
    expect(events[0]!.data).toMatchObject({
      before: { status: 'active', committed: usd('37887.00'), disbursed: usd('20000.00'), spent: 0 },
      after: { status: 'closed', committed: usd('30000.00'), disbursed: usd('30000.00'), spent: usd('30000.00') },
      committedDifference: usd('30000.00') - usd('37887.00'),
      reason: `re-imported from portfolio-en.csv (sha256 ${SOURCE.sha256}), line 7`,
    });
    expect(fold(events, state)).toMatchObject({ status: 'closed', committed: usd('30000.00'), disbursed: usd('30000.00') });
  });

  it('lets the lifecycle continue from the imported status, and then refuses to correct the project by import', () => {
    const state = fold(decideProject(importing({ status: 'active', disbursed: usd('20000.00'), spent: cents(0) }), initialProjectState()));
    const disbursed = decideProject(
      { type: 'RecordDisbursement', data: { transactionId: 't-1', amount: usd('1000.00'), valueDate: '2020-01-10' }, context: { actor: { id: 'fo-1', role: 'finance-officer' }, at: IMPORTED_AT } },
      state,
    );
    const after = fold(disbursed, state);
    expect(after).toMatchObject({ status: 'active', disbursed: usd('21000.00') });
    expect(decideProject(importing({ status: 'active', disbursed: usd('20000.00'), spent: cents(0) }), after)).toEqual([]);
    expect(refusal(() => decideProject(importing({ status: 'completed', disbursed: usd('20000.00'), spent: cents(0) }), after))).toBe('import.changed-in-service');
  });

  it('refuses a row for a project drafted in the service, and a re-import that would move its PRIMA id or envelope', () => {
    const { projectId: _p, ...fields } = proposal();
    const drafted = fold(decideProject({ type: 'DraftProject', data: { projectId: 'PO.0143', ...fields }, context: { actor: { id: 'fm-1', role: 'fund-manager' }, at: IMPORTED_AT }, policy }, initialProjectState()));
    expect(refusal(() => decideProject(importing(), drafted))).toBe('import.project-not-imported');
    const imported = fold(decideProject(importing(), initialProjectState()));
    expect(refusal(() => decideProject(importing({ year: 2020 }), imported))).toBe('import.key-field-changed');
    expect(refusal(() => decideProject(importing({ primaId: 'KG10P9999' }), imported))).toBe('import.key-field-changed');
  });
});

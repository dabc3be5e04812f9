import { describe, expect, it } from '@jest/globals';
import type { AllowedCommand, StaffProject } from '../../../api/staff-project';
import { bodyOf, checkValues, COMMAND_FORMS, fieldOfError, formsFor, intentKey, statesToEndorse } from './command-forms';

const entry = (command: string, extra: Partial<AllowedCommand> = {}): AllowedCommand => ({ command, method: 'POST', path: `/projects/PO.0143/${command}`, ...extra });

describe('the project commands\' forms', () => {
  it('asks for a reason where rule 13 needs one, and refuses to send without it', () => {
    for (const command of ['RejectProject', 'ReturnProject', 'SuspendProject', 'CancelProject', 'CorrectTransaction']) expect(COMMAND_FORMS[command]!.reason).toBe('required');
    const correct = COMMAND_FORMS['CorrectTransaction']!;
    expect(checkValues(correct, { correctedAmount: '4500.00' })).toEqual([{ field: 'reason', message: 'required' }]);
    expect(checkValues(correct, { correctedAmount: '4500.00', reason: '  ' })).toEqual([{ field: 'reason', message: 'required' }]);
    expect(checkValues(correct, { correctedAmount: '4500.00', reason: 'Bank fee' })).toEqual([]);
  });

  it('checks amounts and dates in the API\'s forms, and required fields', () => {
    const disbursement = COMMAND_FORMS['RecordDisbursement']!;
    expect(checkValues(disbursement, { amount: 'twelve hundred', valueDate: '05/03/2026', effectiveOn: '2026-3-5' })).toEqual([
      { field: 'amount', message: 'money' },
      { field: 'valueDate', message: 'date' },
      { field: 'effectiveOn', message: 'date' },
    ]);
    expect(checkValues(disbursement, {})).toEqual([
      { field: 'amount', message: 'required' },
      { field: 'valueDate', message: 'required' },
    ]);
    expect(checkValues(disbursement, { amount: '1200.5', valueDate: '2026-03-05' })).toEqual([]);
  });

  it('builds the body: empty fields left out, dotted names nested, no reason where the command takes none', () => {
    const revision = COMMAND_FORMS['RequestBudgetRevision']!;
    expect(bodyOf(entry('RequestBudgetRevision'), revision, { 'budget.staffAndOfficeCosts': ' 9000.00 ', 'budget.operationalCosts': '38887.00', reason: 'A third round', effectiveOn: '' })).toEqual({
      budget: { staffAndOfficeCosts: '9000.00', operationalCosts: '38887.00' },
      reason: 'A third round',
    });
    const focal = COMMAND_FORMS['RecordFocalPoint']!;
    expect(bodyOf(entry('RecordFocalPoint'), focal, { name: 'Aibek', organisation: 'SMS', email: '', reason: 'not sent' })).toEqual({ name: 'Aibek', organisation: 'SMS' });
    expect(bodyOf(entry('SubmitReport', { reportKind: 'interim' }), COMMAND_FORMS['SubmitReport']!, { summary: 'Half way' })).toEqual({ summary: 'Half way', kind: 'interim' });
  });

  it('offers a form for each allowed command it knows, each intent under its own key', () => {
    const allowed = [entry('AmendDraft'), entry('CorrectTransaction', { transactionId: 'tx-1' }), entry('CorrectTransaction', { transactionId: 'tx-2' }), entry('SubmitReport', { reportKind: 'interim' })];
    const forms = formsFor(allowed);
    // AmendDraft is the proposal form's, on a page of its own.
    expect(forms.map((form) => form.command)).toEqual(['CorrectTransaction', 'CorrectTransaction', 'SubmitReport']);
    expect(forms.map(intentKey)).toEqual(['CorrectTransaction:tx-1', 'CorrectTransaction:tx-2', 'SubmitReport:interim']);
  });

  it('names the field of an API error given as a field or a JSON pointer', () => {
    expect(fieldOfError({ field: 'budget.operationalCosts' })).toBe('budget.operationalCosts');
    expect(fieldOfError({ pointer: '/budget/operationalCosts' })).toBe('budget.operationalCosts');
    expect(fieldOfError({})).toBeUndefined();
  });

  it('offers the endorsement form only the states not yet endorsed', () => {
    const project = { beneficiaryStates: [{ code: 'KG', share: '50.00' }, { code: 'KZ', share: '50.00' }], governmentEndorsements: { KG: { endorsedOn: '2026-01-15' } } } as unknown as StaffProject;
    expect(statesToEndorse(project)).toEqual(['KZ']);
  });
});

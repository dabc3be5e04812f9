import { ROLES } from '../shared/actor.js';
import { COMMAND_ROLES, INTERNAL_COMMANDS, mayActorSend } from './roles.js';

describe('who may send which command', () => {
  it.each([
    ['DraftProject', 'fund-manager'],
    ['SubmitProject', 'fund-manager'],
    ['ApproveProject', 'approver'],
    ['CancelProject', 'approver'],
    ['RecordDisbursement', 'finance-officer'],
    ['RecordDisbursement', 'fund-manager'],
    ['CorrectTransaction', 'finance-officer'],
    ['RecordRefund', 'finance-officer'],
    ['PledgeContribution', 'admin'],
    ['RecordContributionReceipt', 'finance-officer'],
    ['OpenEnvelope', 'admin'],
    ['AddCodeListEntry', 'admin'],
  ] as const)('lets %s be sent by a %s', (command, role) => {
    expect(mayActorSend(command, role)).toBe(true);
  });

  it.each([
    ['ApproveProject', 'fund-manager'],
    ['DraftProject', 'approver'],
    ['OpenEnvelope', 'approver'],
    ['AdjustEnvelope', 'finance-officer'],
    ['RecordDisbursement', 'approver'],
    ['RecordRefund', 'fund-manager'],
    ['RecordRefund', 'approver'],
    ['PledgeContribution', 'fund-manager'],
  ] as const)('refuses %s from a %s', (command, role) => {
    expect(mayActorSend(command, role)).toBe(false);
  });

  it('lets auditors and donors send nothing: they only read', () => {
    for (const command of Object.keys(COMMAND_ROLES)) {
      expect(mayActorSend(command, 'auditor')).toBe(false);
      expect(mayActorSend(command, 'donor')).toBe(false);
    }
  });

  it('lets nobody send an internal command, which the application sends on behalf of another', () => {
    expect([...INTERNAL_COMMANDS]).toEqual(['ReserveFunds', 'ReleaseFunds', 'ClaimPrimaId', 'ReleasePrimaId']);
    for (const command of INTERNAL_COMMANDS) {
      expect(COMMAND_ROLES).not.toHaveProperty(command);
      for (const role of ROLES) expect(mayActorSend(command, role)).toBe(false);
    }
  });

  it('refuses a command it does not know, even one named like an object property', () => {
    expect(mayActorSend('DeleteProject', 'admin')).toBe(false);
    expect(mayActorSend('toString', 'admin')).toBe(false);
  });

  it('lists the 35 commands people send', () => {
    expect(Object.keys(COMMAND_ROLES)).toHaveLength(35);
  });
});

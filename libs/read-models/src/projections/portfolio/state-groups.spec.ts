import { GLOBAL_STATE_GROUP, stateGroupOf } from './state-groups.js';

describe('by-state groups', () => {
  it('names the money of projects without a beneficiary state as the global group, not null', () => {
    expect(stateGroupOf(null)).toEqual({ state: 'global', label: 'Global (cross-regional)' });
    expect(GLOBAL_STATE_GROUP.state).toBe('global');
  });

  it("labels a state's group with the country's English name", () => {
    expect(stateGroupOf('KG')).toEqual({ state: 'KG', label: 'Kyrgyzstan' });
  });
});

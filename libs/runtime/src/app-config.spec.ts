import { ConfigurationError, loadConfig } from './app-config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: '/tmp/unused', ...env });
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration: the fund policy is checked at start, not at the first draft', () => {
  it('starts with the default ceilings and floors', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it('refuses a ceiling below its warning floor, naming both variables', () => {
    expect(problemsOf({ CEILING_LINE_1_NATIONAL: '40000.00' })).toEqual([
      'FLOOR_NATIONAL=50000.00 is above CEILING_LINE_1_NATIONAL=40000.00: a warning floor above its ceiling; ' +
        'every draft, amendment and project card would be refused (422 fund-policy.invalid)',
    ]);
  });

  it('refuses a floor above the ceilings of both funding lines, once per line', () => {
    const problems = problemsOf({ FLOOR_REGIONAL: '250000.00' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^FLOOR_REGIONAL=250000\.00 is above CEILING_LINE_1_REGIONAL=200000\.00/);
    expect(problemsOf({ FLOOR_GLOBAL: '300000.01' }).map((p) => p.split(':')[0])).toEqual([
      'FLOOR_GLOBAL=300000.01 is above CEILING_LINE_1_GLOBAL=200000.00',
      'FLOOR_GLOBAL=300000.01 is above CEILING_LINE_2_GLOBAL=300000.00',
    ]);
  });

  it('accepts a floor equal to its ceiling and a zero floor', () => {
    expect(problemsOf({ FLOOR_NATIONAL: '100000.00', FLOOR_GLOBAL: '0' })).toEqual([]);
  });

  it('refuses a zero ceiling, which no budget could be under', () => {
    expect(problemsOf({ CEILING_LINE_2_GLOBAL: '0.00', FLOOR_GLOBAL: '0' })).toEqual([
      'CEILING_LINE_2_GLOBAL=0.00 must be at least 0.01; every draft, amendment and project card would be refused (422 fund-policy.invalid)',
    ]);
  });

  it('reports an amount that is not one once, without a policy problem built on it', () => {
    expect(problemsOf({ CEILING_LINE_1_NATIONAL: '-5' })).toEqual(['CEILING_LINE_1_NATIONAL=-5: expected a USD amount such as 100000.00']);
  });
});

describe('configuration: rate limits and the proxies trusted to name the client', () => {
  it('defaults to limits above what one process serves, and trusts no proxy', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/unused' });
    expect(config.rateLimits).toEqual({ perSubject: 600_000, perAddress: 600_000, failedAuthentication: 20 });
    expect(config.trustProxy).toBe(false);
  });

  it('reads 0 as a limit turned off', () => {
    expect(loadConfig({ RATE_LIMIT_PER_SUBJECT: '0', RATE_LIMIT_PER_ADDRESS: '0', RATE_LIMIT_FAILED_AUTH: '0' }).rateLimits).toEqual({
      perSubject: 0,
      perAddress: 0,
      failedAuthentication: 0,
    });
  });

  it('trusts a number of hops or a list of proxies', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.0.2.1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.1']);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('refuses true, which would let any client choose the address it is counted under, and garbage', () => {
    for (const value of ['true', '10.0.0.0/33', 'proxy.example', '-1', '11']) {
      expect(problemsOf({ TRUST_PROXY: value })).toEqual([expect.stringMatching(new RegExp(`^TRUST_PROXY=${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: expected false, a number of proxy hops`))]);
    }
    expect(problemsOf({ RATE_LIMIT_PER_ADDRESS: '-5' })).toEqual(['RATE_LIMIT_PER_ADDRESS=-5: expected a whole number from 0 to 1000000000']);
  });
});

describe("configuration: the fund's time zone", () => {
  it('defaults to Europe/Zurich and takes any IANA zone', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/unused' }).fundTimeZone).toBe('Europe/Zurich');
    expect(loadConfig({ DATA_DIR: '/tmp/unused', FUND_TIME_ZONE: 'Pacific/Kiritimati' }).fundTimeZone).toBe('Pacific/Kiritimati');
  });

  it('refuses a name that is no time zone, naming the variable', () => {
    expect(problemsOf({ FUND_TIME_ZONE: 'Geneva' })).toEqual(['FUND_TIME_ZONE=Geneva: expected an IANA time zone such as Europe/Zurich or UTC']);
  });
});

describe('configuration: who publishes the IATI file', () => {
  it("defaults to IOM's organisation identifier and the default DAC sectors", () => {
    const { iati } = loadConfig({});
    expect(iati.reportingOrg).toEqual({ ref: 'XM-DAC-47066', name: 'International Organization for Migration', type: '40' });
    expect(iati.sectors['border-management']).toBe('15136');
  });

  it('lays IATI_SECTORS over the defaults', () => {
    const { iati } = loadConfig({ IATI_SECTORS: '{"labour-migration":"16020"}' });
    expect(iati.sectors['labour-migration']).toBe('16020');
    expect(iati.sectors['counter-trafficking']).toBe('15190');
  });

  it('refuses a sector that is no DAC 5-digit code, an identifier with a space and an unknown organisation type', () => {
    const problems = problemsOf({ IATI_SECTORS: '{"labour-migration":"160"}', IATI_REPORTING_ORG_REF: 'XM DAC', IATI_REPORTING_ORG_TYPE: '41' });
    expect(problems.map((p) => p.split(/[=:]/)[0])).toEqual(['IATI_REPORTING_ORG_REF', 'IATI_REPORTING_ORG_TYPE', 'IATI_SECTORS']);
  });
});

describe('configuration: where the embedded database runs', () => {
  it('runs PGlite in a worker thread unless PGLITE_WORKER=false', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/unused' }).pgliteWorker).toBe(true);
    expect(loadConfig({ DATA_DIR: '/tmp/unused', PGLITE_WORKER: 'false' }).pgliteWorker).toBe(false);
    expect(problemsOf({ PGLITE_WORKER: 'no' })).toEqual(['PGLITE_WORKER=no: expected true or false']);
  });
});

describe('configuration: how many append statements a process has in flight on a server', () => {
  it('defaults to 2 and takes a whole number from 1', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/unused' }).appendStatements).toBe(2);
    expect(loadConfig({ DATA_DIR: '/tmp/unused', APPEND_STATEMENTS: '8' }).appendStatements).toBe(8);
    expect(problemsOf({ APPEND_STATEMENTS: '0' })).toHaveLength(1);
    expect(problemsOf({ APPEND_STATEMENTS: 'two' })[0]).toMatch(/^APPEND_STATEMENTS=two/);
  });
});

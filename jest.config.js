// ESM + ts-jest: NestJS 12 is ESM-only, so the tests run as native ES modules
// (`node --experimental-vm-modules`), see docs/adr/0001-esm-and-tooling.md.
import { createDefaultEsmPreset } from 'ts-jest';

const esm = createDefaultEsmPreset({ tsconfig: 'tsconfig.json' });

const shared = {
  ...esm,
  moduleNameMapper: {
    '^#domain$': '<rootDir>/libs/domain/src/index.ts',
    '^#event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^#sql$': '<rootDir>/libs/sql/src/index.ts',
    '^#sql/testing$': '<rootDir>/libs/sql/src/testing/index.ts',
    '^#ledger$': '<rootDir>/libs/ledger/src/index.ts',
    '^#read-models$': '<rootDir>/libs/read-models/src/index.ts',
    '^#runtime$': '<rootDir>/libs/runtime/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  // Integration tests start the real app on PGlite (a few seconds each); unit tests are fast anyway.
  testTimeout: 120000,
  // Test files run one after the other (the default on 2 cores) but in a worker process that is
  // replaced once it holds more than this after a file: run in the jest process itself, the
  // modules each file loads as ES modules are never freed, and after ~170 files the heap
  // reached its limit (4.4 GB) and the run spent its time collecting garbage.
  workerIdleMemoryLimit: '1536MB',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/libs/**/*.int-spec.ts', '<rootDir>/apps/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
    },
    {
      // The web application in Debian's Chromium (playwright-core), against the compiled service.
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
    },
  ],
};

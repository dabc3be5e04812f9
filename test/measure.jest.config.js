// Measurements, not tests: `node --experimental-vm-modules node_modules/jest/bin/jest.js --config test/measure.jest.config.js`
// runs test/*.measure.ts (see test/view-queries.measure.ts). `npm test` never picks them up.
import base from '../jest.config.js';

export default { ...base.projects[0], rootDir: '..', displayName: 'measure', testMatch: ['<rootDir>/test/**/*.measure.ts'], testTimeout: 1_800_000 };

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { jest } from '@jest/globals';
import { TestApp } from './support/test-app.js';

/**
 * The README's "Try it" is what a new user pastes first: docs/try-it.sh is that block,
 * exactly, and it runs from draft to closed against a started service, its one refusal
 * answered as the README shows and the hash chain verified at the end.
 */

jest.setTimeout(180_000);

const run = promisify(execFile);

async function readmeBlock(): Promise<string> {
  const readme = await readFile('README.md', 'utf8');
  const section = readme.indexOf('## Try it');
  const start = readme.indexOf('```bash\n', section) + '```bash\n'.length;
  return readme.slice(start, readme.indexOf('```\n', start));
}

it('docs/try-it.sh is the README block exactly, after its comments and set -e', async () => {
  const script = await readFile('docs/try-it.sh', 'utf8');
  const block = await readmeBlock();
  expect(block.length).toBeGreaterThan(1000);
  expect(script.endsWith(block)).toBe(true);
  const preamble = script.slice(0, script.length - block.length).split('\n').filter((line) => line !== '');
  expect(preamble.filter((line) => !line.startsWith('#'))).toEqual(['set -e']);
});

it('runs from draft to closed against a started service, as the README says', async () => {
  const app = await TestApp.start();
  try {
    const { stdout } = await run('bash', ['docs/try-it.sh'], { env: { ...process.env, API: app.baseUrl, DATA_DIR: app.config.dataDir }, maxBuffer: 10_000_000 });
    const answers = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    // 20 commands and 4 reads, each answering one JSON line.
    expect(answers).toHaveLength(24);
    const refusals = answers.filter((answer) => answer.code !== undefined);
    expect(refusals.map((refusal) => refusal.code)).toEqual(['submission.endorsement-missing']);
    expect(refusals[0]).toEqual(
      expect.objectContaining({ type: '/problems/submission.endorsement-missing', status: 409, instance: '/projects/PO.0143/submit' }),
    );
    const [project, envelope, events, verification] = answers.slice(-4);
    expect(project).toEqual(expect.objectContaining({ projectId: 'PO.0143', status: 'closed' }));
    // Refunded before closing: committed is the net disbursed, and that is all the envelope keeps.
    expect(project.money).toEqual(expect.objectContaining({ committed: '29500.00', disbursed: '29500.00', refunded: '500.00', unspentBalance: '0.00' }));
    expect(envelope).toEqual(expect.objectContaining({ year: 2026, fundingLine: 1, reserved: '29500.00' }));
    expect(events.events).toHaveLength(3);
    expect(verification).toEqual(expect.objectContaining({ projectId: 'PO.0143', intact: true }));
  } finally {
    await app.stop();
  }
});

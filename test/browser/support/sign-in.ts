import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import type { Role } from '#domain';
import { TEST_JWT_SECRET } from '../../support/service-process.js';
import type { Portal } from './portal.js';

const run = promisify(execFile);

/**
 * Signs `page` in as `subject` in `roles` with the link the real CLI prints
 * (`npm run sign-in-link`), and waits until it lands on `next`.
 */
export async function signIn(page: Page, portal: Portal, subject: string, roles: Role[], next: string): Promise<void> {
  const printed = await run(process.execPath, ['dist/apps/api/src/sign-in-link.js', subject, ...roles, '--next', next], {
    env: { ...process.env, JWT_SECRET: TEST_JWT_SECRET, DATA_DIR: portal.dataDir, PUBLIC_URL: portal.baseUrl },
  });
  await page.goto(printed.stdout.trim());
  await page.waitForURL(`${portal.baseUrl}${next}`);
}

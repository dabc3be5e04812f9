import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import type { Role } from '#domain';
import { TEST_JWT_SECRET } from '../../support/service-process.js';
import type { Portal } from './portal.js';

const run = promisify(execFile);

/**
 * Signs a person in with the link the real CLI prints (`npm run sign-in-link`), as staff
 * do: a fresh browser profile, the link opened, and the page it leads to (`next`) loaded.
 */
export async function signIn(portal: Portal, next: string, subject: string, ...roles: Role[]): Promise<Page> {
  const printed = await run(process.execPath, ['dist/apps/api/src/sign-in-link.js', subject, ...roles, '--next', next], {
    env: { ...process.env, JWT_SECRET: TEST_JWT_SECRET, DATA_DIR: portal.dataDir, PUBLIC_URL: portal.baseUrl },
  });
  const page = await portal.page();
  await page.goto(printed.stdout.trim());
  await page.waitForURL(`${portal.baseUrl}${next}`);
  return page;
}

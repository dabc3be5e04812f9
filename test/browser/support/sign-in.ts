import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import type { Role } from '#domain';
import { TEST_JWT_SECRET } from '../../support/service-process.js';
import type { Portal } from './portal.js';

const run = promisify(execFile);

/** The link the real CLI prints (`npm run sign-in-link`) for `subject` in `roles`, leading to `next`. */
async function signInLink(portal: Portal, next: string, subject: string, roles: readonly Role[]): Promise<string> {
  const printed = await run(process.execPath, ['dist/apps/api/src/sign-in-link.js', subject, ...roles, '--next', next], {
    env: { ...process.env, JWT_SECRET: TEST_JWT_SECRET, DATA_DIR: portal.dataDir, PUBLIC_URL: portal.baseUrl },
  });
  return printed.stdout.trim();
}

/**
 * Signs a person in with the printed link, as staff do: a fresh browser profile, the link
 * opened, and the page it leads to (`next`) loaded.
 */
export async function signIn(portal: Portal, next: string, subject: string, ...roles: Role[]): Promise<Page> {
  const page = await portal.page();
  await signInPage(page, portal, subject, roles, next);
  return page;
}

/** Signs `page` in (its own profile) with the printed link, and waits until it lands on `next`. */
export async function signInPage(page: Page, portal: Portal, subject: string, roles: readonly Role[], next: string): Promise<void> {
  await page.goto(await signInLink(portal, next, subject, roles));
  await page.waitForURL(`${portal.baseUrl}${next}`);
}

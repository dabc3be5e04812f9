import { setTimeout as sleep } from 'node:timers/promises';
import type { PortfolioPlan } from './portfolio-plan.js';
import type { Tokens } from './tokens.js';

/** Whether a service answers GET /health at `baseUrl` (within `timeoutMs`). */
export async function isAnswering(baseUrl: string, timeoutMs = 1500): Promise<boolean> {
  try {
    const reply = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await reply.text();
    return reply.status < 500 || reply.status === 503;
  } catch {
    return false;
  }
}

/** Waits until GET /health answers 200, or fails after `timeoutMs`. */
export async function waitUntilHealthy(baseUrl: string, timeoutMs = 60_000, exited?: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited?.()) throw new Error('the service exited before it answered');
    try {
      const reply = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      await reply.text();
      if (reply.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(150);
  }
  throw new Error(`the service at ${baseUrl} did not become healthy within ${timeoutMs} ms`);
}

/** The service answers, accepts our tokens, and has none of this plan's projects yet. */
export async function assertReady(baseUrl: string, tokens: Tokens, plan: PortfolioPlan, secretSource: string): Promise<void> {
  const first = plan.projects[0];
  let reply: Response;
  try {
    reply = await fetch(`${baseUrl}/projects/${first?.projectId ?? 'PO.0001'}`, { headers: { authorization: `Bearer ${tokens.aurelia}` } });
    await reply.text();
  } catch (error) {
    throw new Error(`no service answers at ${baseUrl} (${(error as Error).message}); start it with npm start`);
  }
  if (reply.status === 401) {
    throw new Error(`the service at ${baseUrl} refuses tokens signed with the secret from ${secretSource}; give this command the service's JWT_SECRET or DATA_DIR`);
  }
  if (first && reply.status === 200) {
    throw new Error(`${first.projectId} already exists at ${baseUrl}: this portfolio is loaded; choose another --prefix or --first`);
  }
}

import { runHttpLoad, type AcceptEncoding, type HttpLoadResult } from '../http-load.js';
import { makeRoomInEnvelopes, ProjectCursor, ProjectStream, type BenchContext } from '../workload.js';

/**
 * HTTP commands, mixed lifecycle steps: every connection drafts a fresh project and takes it
 * through its planned lifecycle (endorsements, submission, review, approval, start, money,
 * revisions, extensions, reports, completion, closure…), then starts the next project; the
 * commands arrive in the portfolio's natural mix. A refused command (any non-2xx) abandons
 * the rest of its project, so one failure does not cascade.
 */
export async function measureCommands(
  context: BenchContext,
  options: { connections: number; durationSeconds: number; acceptEncoding?: AcceptEncoding },
): Promise<HttpLoadResult> {
  await makeRoomInEnvelopes(context);
  const stream = new ProjectStream(context.seed + 101, 'BMC', context.today);
  return runHttpLoad({
    baseUrl: context.baseUrl,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    ...(options.acceptEncoding ? { acceptEncoding: options.acceptEncoding } : {}),
    driver: () => {
      const cursor = new ProjectCursor(stream);
      return {
        next: () => {
          const { step } = cursor.next();
          return { label: step.command, method: 'POST', path: step.path, token: context.tokens[step.actor], body: JSON.stringify(step.body) };
        },
        answered: (status) => {
          if (status >= 300) cursor.abandonProject();
        },
      };
    },
  });
}

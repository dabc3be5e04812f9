import type { WorkflowState } from '#domain';
import { comparePositions, type EventStore } from '#event-store';
import type { ReadStore } from '../../read-store.port.js';
import { WORKFLOWS, workflowsProjection, type WorkflowDocument } from './workflows-projection.js';

/** The open workflows as the 'workflows' view knows them (see WorkflowSupervisor's OpenWorkflowSource). */
export function openWorkflowsIn(events: EventStore, views: ReadStore) {
  const name = workflowsProjection.name;
  return {
    async caughtUp(timeoutMs: number): Promise<boolean> {
      const head = await events.headPosition({ streamPrefixes: workflowsProjection.streamPrefixes });
      if (head === undefined) return true;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (comparePositions(await views.checkpoint(name, await views.activeGeneration(name)), head) >= 0) return true;
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async open(): Promise<WorkflowState[]> {
      const states: WorkflowState[] = [];
      let after: string | undefined;
      do {
        const page = await views.find(name, WORKFLOWS, {
          fields: [{ field: 'open', op: 'eq', value: true }],
          sortBy: 'projectId',
          direction: 'asc',
          limit: 500,
          ...(after === undefined ? {} : { after }),
        });
        states.push(...page.items.map((doc) => (doc as WorkflowDocument).state));
        after = page.nextCursor;
      } while (after !== undefined);
      return states;
    },
  };
}

/** What is pending in one envelope (`${year}-${line}`), for its readers. */
export async function pendingRepairsOf(views: ReadStore, year: number, fundingLine: number): Promise<WorkflowDocument['pending']> {
  const page = await views.find(workflowsProjection.name, WORKFLOWS, {
    fields: [{ field: 'envelopes', op: 'contains', value: `${year}-${fundingLine}` }],
    sortBy: 'projectId',
    direction: 'asc',
    limit: 500,
  });
  return page.items.flatMap((doc) => (doc as WorkflowDocument).pending.filter((p) => p.year === year && p.fundingLine === fundingLine));
}

import { decideRepairs, type WorkflowState } from '#domain';
import type { WorkflowRepairs } from './workflow-repairs.js';

/** Where the supervisor learns which workflows are open: the 'workflows' view, checkpointed with the feed. */
export interface OpenWorkflowSource {
  /**
   * Resolves once the view has applied every event recorded when it was called (false when
   * `timeoutMs` runs out first): a review decides on nothing older than its own start.
   */
  caughtUp(timeoutMs: number): Promise<boolean>;
  /** The state of every project with an unfinished workflow. */
  open(): Promise<WorkflowState[]>;
}

export interface SupervisorOptions {
  /** How long a workflow may stay open before it is repaired (WORKFLOW_GRACE_MS). */
  graceMs: number;
  /** Pause between reviews. */
  intervalMs: number;
  clock?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
}

/**
 * The process manager's loop (ADR 0017): reviews the open workflows, asks the workflow
 * decider what is due and performs it. Its memory is the 'workflows' view, which the
 * projector keeps with its checkpoint; so a kill anywhere loses nothing, and a step done
 * twice is refused by the store (deterministic ids). Several may run (several projectors).
 */
export class WorkflowSupervisor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly clock: () => Date;
  private readonly log: (entry: Record<string, unknown>) => void;

  constructor(
    private readonly repairs: WorkflowRepairs,
    private readonly source: OpenWorkflowSource,
    private readonly options: SupervisorOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One review: the steps it recorded. */
  async review(): Promise<number> {
    if (!(await this.source.caughtUp(Math.max(this.options.intervalMs, 1_000)))) return 0;
    const now = this.clock().toISOString();
    let recorded = 0;
    for (const state of await this.source.open()) {
      for (const step of decideRepairs({ type: 'ReviewWorkflows', data: { now, graceMs: this.options.graceMs } }, state)) {
        const outcome = await this.repairs.perform(step, now);
        this.log({ level: outcome === 'recorded' ? 'warn' : 'debug', message: `workflow repair ${outcome}`, step: step.type, ...step.data });
        if (outcome === 'recorded') recorded += 1;
      }
    }
    return recorded;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.review()
        .then(() => undefined)
        .catch((error: unknown) => this.log({ level: 'error', message: 'workflow review failed', error: (error as Error).message }))
        .finally(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref();
  }
}

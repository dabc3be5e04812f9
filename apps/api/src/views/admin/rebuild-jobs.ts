import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { formatPosition } from '#event-store';
import { Projector, type RebuildProgress } from '#read-models';

export interface RebuildJob {
  id: string;
  projections: string[];
  state: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt?: string;
  error?: string;
  progress: Record<string, ReturnType<typeof progressView>>;
}

/**
 * Rebuilds run in the background (a rebuild of a large portfolio takes a while); a job
 * can be followed by its id. A job's projections are rebuilt in one pass over the feed; jobs
 * run one after the other, so the service keeps its speed.
 */
@Injectable()
export class RebuildJobs {
  private readonly logger = new Logger('Rebuild');
  private readonly jobs = new Map<string, RebuildJob>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly projector: Projector) {}

  start(projections: string[]): RebuildJob {
    const job: RebuildJob = { id: randomUUID(), projections, state: 'running', startedAt: new Date().toISOString(), progress: {} };
    this.jobs.set(job.id, job);
    this.queue = this.queue.then(() => this.run(job));
    return job;
  }

  get(id: string): RebuildJob | undefined {
    return this.jobs.get(id);
  }

  private async run(job: RebuildJob): Promise<void> {
    try {
      const rebuilt = await this.projector.rebuild(job.projections, (progress) => {
        job.progress[progress.projection] = progressView(progress);
      });
      for (const { projection } of rebuilt) this.logger.log({ message: 'rebuilt', projection, ...job.progress[projection] });
      job.state = 'done';
    } catch (error) {
      job.state = 'failed';
      job.error = (error as Error).message;
      this.logger.error({ message: 'rebuild failed', job: job.id, error: job.error });
    }
    job.finishedAt = new Date().toISOString();
  }
}

function progressView(progress: RebuildProgress) {
  return {
    generation: progress.generation,
    state: progress.state,
    eventsDone: progress.eventsDone,
    eventsPerSecond: progress.eventsPerSecond,
    checkpoint: formatPosition(progress.checkpoint),
    target: progress.target ? formatPosition(progress.target) : null,
  };
}

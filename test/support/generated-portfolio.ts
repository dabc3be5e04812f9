import { parseUsd, type Actor, type Role } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { DocumentChange, ViewDocument } from '#read-models';
import { ACTORS, type ActorName } from '../../apps/generator/src/actors.js';
import { planPortfolio, type Step } from '../../apps/generator/src/portfolio-plan.js';
import { toProposalFields } from '../../apps/api/src/projects/commands/draft-project/proposal.mapping.js';
import { foldViews } from '../../libs/read-models/src/projections/fold-views.js';
import { PROJECTS, portfolioProjection } from '../../libs/read-models/src/projections/portfolio/portfolio-projection.js';
import { ProjectStory } from '../../libs/read-models/src/projections/testing/fund-fixtures.js';
import { TestFeed } from '../../libs/read-models/src/projections/testing/test-feed.js';

/**
 * The portfolio documents the generator's plan would leave in the views, computed in memory
 * in seconds instead of sent through the API in minutes: each step of the plan becomes the
 * domain command its controller would send, the real project decider decides it, and the
 * real portfolio projection folds the events. For measuring queries at scale (the documents
 * have the sizes, texts, splits and money flows of a generated portfolio).
 */
export function generatedPortfolioDocuments(options: { projects: number; seed?: number; today?: string }): {
  documents: Map<string, ViewDocument>;
  events: number;
  refused: number;
} {
  const today = options.today === undefined ? {} : { today: options.today };
  const plan = planPortfolio({ seed: options.seed ?? 1, projects: options.projects, fund: false, ...today });
  const at = new Date().toISOString();
  const events: RecordedEvent[] = [];
  let refused = 0;
  for (const project of plan.projects) {
    // A feed per project: deciding reads the stream back, which one shared feed makes quadratic.
    const feed = new TestFeed();
    const story = new ProjectStory(feed, project.projectId);
    try {
      for (const step of project.steps) {
        const { type, data, reason } = commandOf(step);
        story.send(type as never, data as never, { by: actorOf(step.actor), at, ...(reason === undefined ? {} : { reason }) });
      }
    } catch {
      // A step the decider refuses (a plan/clock mismatch): the project stays as it got.
      refused += 1;
    }
    events.push(...feed.events);
  }
  const documents = foldViews([portfolioProjection], events).get(PROJECTS) ?? new Map<string, ViewDocument>();
  return { documents, events: events.length, refused };
}

/** The documents as commits of `batch` changes each (what the projector writes). */
export function inBatches(documents: Map<string, ViewDocument>, batch = 500): DocumentChange[][] {
  const changes = [...documents].map(([key, doc]): DocumentChange => ({ ref: { collection: PROJECTS, key }, doc }));
  const batches: DocumentChange[][] = [];
  for (let index = 0; index < changes.length; index += batch) batches.push(changes.slice(index, index + batch));
  return batches;
}

function actorOf(name: ActorName): Actor {
  return { id: name, role: ACTORS[name][0] as Role };
}

/** What the API's controller makes of a plan step (see apps/api/src/projects/commands). */
function commandOf(step: Step): { type: string; data: Record<string, unknown>; reason?: string } {
  const body = step.body as Record<string, any>;
  const segments = step.path.split('/');
  const fromPath = segments.at(-2)!;
  const reason = typeof body.reason === 'string' ? body.reason : undefined;
  switch (step.command) {
    case 'DraftProject': {
      const { projectId, ...proposal } = body;
      return { type: step.command, data: { projectId, ...toProposalFields(proposal) } };
    }
    case 'AmendDraft':
      return { type: step.command, data: toProposalFields(body) };
    case 'RecordGovernmentEndorsement':
    case 'RecordFocalPoint':
    case 'StartImplementation':
    case 'CompleteProject':
      return { type: step.command, data: { ...body } };
    case 'RequestBudgetRevision':
      return { type: step.command, data: { requestId: body.requestId, budget: toProposalFields({ budget: body.budget }).budget }, reason };
    case 'RequestNoCostExtension':
      return { type: step.command, data: { requestId: body.requestId, newEndDate: body.newEndDate }, reason };
    case 'ApproveBudgetRevision':
    case 'RejectBudgetRevision':
    case 'ApproveNoCostExtension':
    case 'RejectNoCostExtension':
      return { type: step.command, data: { requestId: fromPath }, reason };
    case 'SubmitReport':
      return { type: step.command, data: { reportId: body.reportId, kind: body.kind, ...(body.summary ? { summary: body.summary } : {}) } };
    case 'AcceptReport':
    case 'RejectReport':
      return { type: step.command, data: { reportId: fromPath }, reason };
    case 'RecordDisbursement':
    case 'RecordExpenditure':
    case 'RecordRefund':
      return {
        type: step.command,
        data: {
          transactionId: body.transactionId,
          amount: parseUsd(body.amount, 'amount'),
          valueDate: body.valueDate,
          ...(body.reference === undefined ? {} : { reference: body.reference }),
        },
        ...(reason === undefined ? {} : { reason }),
      };
    case 'CorrectTransaction':
      return { type: step.command, data: { transactionId: fromPath, correctedAmount: parseUsd(body.correctedAmount, 'correctedAmount') }, reason };
    default:
      return { type: step.command, data: {}, reason };
  }
}

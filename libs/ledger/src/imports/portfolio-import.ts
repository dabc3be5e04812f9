import { createHash } from 'node:crypto';
import {
  DomainError,
  codeListDecider,
  codeListStreamId,
  envelopeDecider,
  envelopeStreamId,
  primaIdStreamId,
  primaRegistryDecider,
  projectDecider,
  projectStreamId,
  projectIdOfRow,
  readProjectRow,
  readSourceRows,
  cents,
  type Actor,
  type EnvelopeCommand,
  type ImportCodeLists,
  type ImportProject,
  type ProjectEvent,
  type ReadRow,
} from '#domain';
import { WrongExpectedRevisionError, formatPosition, type GlobalPosition } from '#event-store';
import type { CommandMetadata } from '../command-metadata.js';
import type { EventSourcedRepository } from '../event-sourced-repository.js';
import type { FundPolicySource } from '../fund/fund-policy-source.js';
import { envelopeMovementOf, type ProjectCommands } from '../projects/project-commands.js';

export type ImportOutcome = 'recorded' | 'unchanged' | 'corrected' | 'refused';

/** What became of one row of the file. */
export interface ImportedLine {
  line: number;
  projectId?: string;
  outcome: ImportOutcome;
  /** The stable code and the reason, for a refused row. */
  code?: string;
  reason?: string;
}

export interface ImportReport {
  file: { name: string; sha256: string };
  dryRun: boolean;
  importedBy: string;
  lines: ImportedLine[];
  totals: Record<ImportOutcome, number>;
  /** The global position of the last event written: what a reader waits for. */
  position?: string;
}

/**
 * Brings in the fund's published project list (DOMAIN.md, "Bringing in the existing
 * portfolio"): each row is one ImportProject, run like any project command (PRIMA claim,
 * envelope reservation, project stream) and keyed by the file's sha256 and the row's line
 * (ADR 0016), so that a retry after a crash or importing the same file again records
 * nothing. A refused row is reported with its line, code and reason and the others go on.
 * A dry run decides every row on the stores as they are, records nothing, and carries what
 * earlier rows would have done (an envelope filling up, a PRIMA id taken) to the next ones.
 */
export class PortfolioImport {
  constructor(
    private readonly repository: EventSourcedRepository,
    private readonly commands: ProjectCommands,
    private readonly policies: FundPolicySource,
  ) {}

  async run(file: { name: string; content: string }, actor: Actor, options: { dryRun?: boolean; at?: string } = {}): Promise<ImportReport> {
    const sha256 = createHash('sha256').update(file.content, 'utf8').digest('hex');
    const name = file.name.split(/[\\/]/).pop() ?? file.name;
    const dryRun = options.dryRun === true;
    const at = options.at ?? new Date().toISOString();
    const { rows, unreadable } = readSourceRows(name, file.content);
    const lists = await this.codeLists();
    const policy = await this.policies.current();
    const rehearsal = new Rehearsal(this.repository);
    const lines: ImportedLine[] = unreadable.map(({ line, message }) => refused(line, undefined, new DomainError('import.malformed-row', message, 'invalid')));
    const seen = new Map<string, number>();
    let position: GlobalPosition | undefined;
    for (const row of rows) {
      let read: ReadRow;
      try {
        read = readProjectRow(row, lists);
      } catch (error) {
        lines.push(refused(row.line, projectIdOfRow(row), error));
        continue;
      }
      const first = seen.get(read.projectId);
      if (first !== undefined) {
        const error = new DomainError('import.duplicate-project-id', `project ${read.projectId} is already on line ${first} of this file`, 'invalid');
        lines.push(refused(row.line, read.projectId, error));
        continue;
      }
      seen.set(read.projectId, row.line);
      const source = { fileName: name, sha256, line: row.line };
      const metadata: CommandMetadata = {
        actor,
        at,
        correlationId: `import-${sha256.slice(0, 32)}`,
        causationId: `import-${sha256.slice(0, 32)}-${row.line}`,
        reason: `imported from ${name} (sha256 ${sha256}), line ${row.line}`,
        idempotencyKey: `import:${sha256}:${row.line}`,
        requestFingerprint: createHash('sha256').update(JSON.stringify(read)).digest('hex'),
      };
      try {
        if (dryRun) {
          const command: ImportProject = { type: 'ImportProject', data: { projectId: read.projectId, record: read.record, source }, context: { actor, at }, policy };
          lines.push({ line: row.line, projectId: read.projectId, outcome: outcomeOf(await rehearsal.decide(command)) });
        } else {
          const outcome = await this.commands.execute(read.projectId, { type: 'ImportProject', data: { projectId: read.projectId, record: read.record, source } }, metadata);
          if (outcome.position !== undefined && !outcome.replayed) position = outcome.position;
          lines.push({ line: row.line, projectId: read.projectId, outcome: outcome.replayed ? 'unchanged' : outcomeOf(outcome.events) });
        }
      } catch (error) {
        lines.push(refused(row.line, read.projectId, error));
      }
    }
    lines.sort((a, b) => a.line - b.line);
    const totals = { recorded: 0, unchanged: 0, corrected: 0, refused: 0 };
    for (const line of lines) totals[line.outcome] += 1;
    return { file: { name, sha256 }, dryRun, importedBy: actor.id, lines, totals, ...(position === undefined ? {} : { position: formatPosition(position) }) };
  }

  /** The thematic areas and regions in force, with their labels, so that an admin's additions are read too. */
  private async codeLists(): Promise<ImportCodeLists> {
    const [thematicAreas, regions] = await Promise.all(
      (['thematic-areas', 'regions'] as const).map(async (list) => (await this.repository.load(codeListDecider(list), codeListStreamId(list))).state.entries),
    );
    return { thematicAreas: thematicAreas!, regions: regions! };
  }
}

function outcomeOf(events: readonly ProjectEvent[]): ImportOutcome {
  if (events.some((event) => event.type === 'ProjectImported')) return 'recorded';
  if (events.some((event) => event.type === 'ProjectImportCorrected')) return 'corrected';
  return 'unchanged';
}

function refused(line: number, projectId: string | undefined, error: unknown): ImportedLine {
  if (error instanceof DomainError) return { line, ...(projectId === undefined ? {} : { projectId }), outcome: 'refused', code: error.code, reason: error.detail };
  if (error instanceof WrongExpectedRevisionError) {
    const changed = new DomainError('import.concurrent-change', 'the project changed while it was imported; import the file again', 'conflict');
    return refused(line, projectId, changed);
  }
  throw error;
}

/**
 * The dry run: the same decisions as the import (project, PRIMA registry, envelope), on
 * states loaded from the stores and then kept here, so that a row sees what the rows
 * before it would have recorded. Nothing is written.
 */
class Rehearsal {
  private readonly states = new Map<string, unknown>();

  constructor(private readonly repository: EventSourcedRepository) {}

  async decide(command: ImportProject): Promise<ProjectEvent[]> {
    const { projectId } = command.data;
    const project = await this.state(projectDecider, projectStreamId(projectId));
    const events = projectDecider.decide(command, project);
    if (events.length === 0) return events;
    const context = command.context;
    let registry: [string, unknown] | undefined;
    if (project.status === 'none') {
      const streamId = primaIdStreamId(command.data.record.primaId);
      const claim = { type: 'ClaimPrimaId' as const, data: { primaId: command.data.record.primaId, projectId }, context };
      const before = await this.state(primaRegistryDecider, streamId);
      registry = [streamId, primaRegistryDecider.decide(claim, before).reduce(primaRegistryDecider.evolve, before)];
    }
    const movement = envelopeMovementOf(events);
    let envelope: [string, unknown] | undefined;
    if (movement !== undefined && movement.amount !== 0) {
      const streamId = envelopeStreamId(movement.year, movement.fundingLine);
      const before = await this.state(envelopeDecider, streamId);
      const move: EnvelopeCommand =
        movement.amount > 0
          ? { type: 'ReserveFunds', data: { projectId, amount: cents(movement.amount), purpose: movement.reservePurpose }, context }
          : { type: 'ReleaseFunds', data: { projectId, amount: cents(-movement.amount), purpose: movement.releasePurpose }, context };
      envelope = [streamId, envelopeDecider.decide(move, before).reduce(envelopeDecider.evolve, before)];
    }
    // Every decision passed: only now does the rehearsal remember what the row would leave.
    if (registry) this.states.set(...registry);
    if (envelope) this.states.set(...envelope);
    this.states.set(projectStreamId(projectId), events.reduce(projectDecider.evolve, project));
    return events;
  }

  private async state<S>(decider: { initialState(): S } & object, streamId: string): Promise<S> {
    if (this.states.has(streamId)) return this.states.get(streamId) as S;
    const { state } = await this.repository.load(decider as never, streamId);
    return state as S;
  }
}


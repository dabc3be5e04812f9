import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ProjectCommands, type CommandMetadata, type ProjectCommandInput, type ProjectCommandOutcome } from '#ledger';

/** One project command on its way from a controller to the ledger, through the CommandBus. */
export class RecordProjectCommand extends Command<ProjectCommandOutcome> {
  constructor(
    readonly projectId: string,
    readonly input: ProjectCommandInput,
    readonly metadata: CommandMetadata,
    /** From If-Match; undefined ⇒ decided on the latest revision. */
    readonly expectedRevision: number | undefined,
  ) {
    super();
  }
}

@CommandHandler(RecordProjectCommand)
export class RecordProjectCommandHandler implements ICommandHandler<RecordProjectCommand> {
  constructor(private readonly projects: ProjectCommands) {}

  execute(command: RecordProjectCommand): Promise<ProjectCommandOutcome> {
    return this.projects.execute(command.projectId, command.input, command.metadata, {
      ...(command.expectedRevision === undefined ? {} : { expectedRevision: command.expectedRevision }),
    });
  }
}

import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ProjectCommandInput } from '#ledger';
import type { AuthenticatedRequest } from '../../auth/auth.guard.js';
import { commandMetadataOf } from '../../http/command-metadata.factory.js';
import { CommandResult } from '../../http/command-result.js';
import { expectedRevisionFrom } from '../../http/if-match.js';
import { RecordProjectCommand } from './record-project-command.js';

/**
 * What every project command endpoint does after reading its body: attach who/when/why and
 * the If-Match revision, send it through the CommandBus, answer with the new revision
 * (ETag), the global position written and the events recorded.
 */
@Injectable()
export class ProjectCommandSender {
  constructor(private readonly commandBus: CommandBus) {}

  async send(
    request: AuthenticatedRequest,
    projectId: string,
    input: ProjectCommandInput,
    options: { reason?: string | undefined; created?: boolean; body?: Record<string, unknown> } = {},
  ): Promise<CommandResult> {
    const outcome = await this.commandBus.execute(
      new RecordProjectCommand(projectId, input, commandMetadataOf(request, options.reason), expectedRevisionFrom(request)),
    );
    return CommandResult.recorded({
      status: options.created ? 201 : 200,
      ...(options.created ? { location: `/projects/${encodeURIComponent(projectId)}` } : {}),
      revision: outcome.revision,
      appended: outcome.appended,
      position: outcome.position,
      replayed: outcome.replayed,
      body: {
        projectId,
        status: outcome.state.status,
        recorded: outcome.events.map((event) => event.type),
        ...options.body,
      },
    });
  }
}

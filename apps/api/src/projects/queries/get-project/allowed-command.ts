import type { AvailableCommand, Project } from '#domain';
import type { CommandLink, CommandLinks } from '../../../http/command-links.js';

/** A command the caller may send now, as the card shows it: where to send it and what it names. */
export type AllowedCommand = CommandLink & Omit<AvailableCommand, 'command'>;

export function allowedCommandOf(available: AvailableCommand, project: Project, links: CommandLinks): AllowedCommand {
  const { command, ...names } = available;
  const params: Record<string, string> = { projectId: project.projectId };
  if (names.requestId !== undefined) params['requestId'] = names.requestId;
  if (names.reportId !== undefined) params['reportId'] = names.reportId;
  if (names.transactionId !== undefined) params['transactionId'] = names.transactionId;
  return { ...links.linkTo(command, params), ...names };
}

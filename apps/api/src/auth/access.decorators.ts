import { SetMetadata, applyDecorators } from '@nestjs/common';
import { COMMAND_ROLES, type Role } from '#domain';

export const ALLOWED_ROLES = 'portfolio-ledger:allowed-roles';
export const PUBLIC = 'portfolio-ledger:public';
export const OPEN_TO_VISITORS = 'portfolio-ledger:open-to-visitors';
/** The command type an endpoint sends, for its metrics (see metrics/command-routes.ts). */
export const SENT_COMMAND = 'portfolio-ledger:sent-command';

/** The endpoint sends this domain command: the roles that may send it come from the domain. */
export const SendsCommand = (commandType: keyof typeof COMMAND_ROLES & string) =>
  applyDecorators(SetMetadata(ALLOWED_ROLES, COMMAND_ROLES[commandType]), SetMetadata(SENT_COMMAND, commandType));

/** A query endpoint readable by these roles. */
export const ReadableBy = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** No token needed (health, API docs). */
export const Public = () => SetMetadata(PUBLIC, true);

/**
 * Anonymous visitors read this as a donor does (public fields, approved projects and later)
 * while the fund publishes its portal (PUBLIC_PORTAL, default true); with PUBLIC_PORTAL=false
 * it needs a token like any other. Only for what the donor view already makes public.
 */
export const OpenToVisitors = () => SetMetadata(OPEN_TO_VISITORS, true);

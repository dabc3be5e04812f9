import { SetMetadata } from '@nestjs/common';
import { COMMAND_ROLES, type Role } from '#domain';

export const ALLOWED_ROLES = 'portfolio-ledger:allowed-roles';
export const PUBLIC = 'portfolio-ledger:public';

/** The endpoint sends this domain command: the roles that may send it come from the domain. */
export const SendsCommand = (commandType: keyof typeof COMMAND_ROLES & string) =>
  SetMetadata(ALLOWED_ROLES, COMMAND_ROLES[commandType]);

/** A query endpoint readable by these roles. */
export const ReadableBy = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** No token needed (health, API docs). */
export const Public = () => SetMetadata(PUBLIC, true);

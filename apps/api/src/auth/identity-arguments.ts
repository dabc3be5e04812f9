/**
 * The command line shared by `npm run token` and `npm run sign-in-link`: a subject, one or
 * more roles, and options. Both refuse the same way (the reason, then the usage, exit 2), so
 * someone who learns one knows the other.
 */
import { parseArgs } from 'node:util';
import { type Role, isRole } from '#domain';

type StringOptions<Name extends string> = Record<Name, { type: 'string' }>;

export interface IdentityArguments<Name extends string> {
  subject: string;
  roles: Role[];
  values: Partial<Record<Name, string>>;
}

/** Parses `<subject> <role> [<role> …]` and the named string options, or refuses. */
export function identityArguments<Name extends string>(argv: readonly string[], optionNames: readonly Name[], usage: string): IdentityArguments<Name> {
  const options = Object.fromEntries(optionNames.map((name) => [name, { type: 'string' }])) as StringOptions<Name>;
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    refuseArguments(`${(error as Error).message}\n`, usage);
  }
  const [subject, ...roles] = parsed.positionals;
  const unknown = roles.filter((role) => !isRole(role));
  if (!subject || roles.length === 0 || unknown.length > 0) {
    refuseArguments(unknown.length > 0 ? `unknown role(s): ${unknown.join(', ')}\n` : '', usage);
  }
  return { subject, roles: roles.filter(isRole), values: parsed.values as Partial<Record<Name, string>> };
}

/** Says why, then how to call it; exit code 2 as for any misuse of a command line. */
export function refuseArguments(reason: string, usage: string): never {
  process.stderr.write(`${reason}${usage}`);
  process.exit(2);
}

/** Runs a command line's main; an error that is not a misuse prints its message, exit 1. */
export function runCommandLine(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}

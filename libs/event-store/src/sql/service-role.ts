import type { SqlQueryable } from '#sql';

/**
 * What the service's role may do to the event store when another role owns it (issue 18):
 * read, and append — INSERT on events, the head row's INSERT and UPDATE on streams — never
 * UPDATE, DELETE or TRUNCATE on events. Only the owner (or a superuser) can switch off the
 * append-only triggers (ALTER TABLE … DISABLE TRIGGER needs ownership,
 * `session_replication_role` a superuser), so a service role that is neither cannot.
 * Run by the owner after the event store's migrations; idempotent.
 */
export async function grantAppendOnly(owner: SqlQueryable, serviceRole: string): Promise<void> {
  const role = quoteIdentifier(serviceRole);
  for (const statement of [
    `REVOKE ALL ON events, streams FROM ${role}`,
    `GRANT SELECT, INSERT ON events TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE ON streams TO ${role}`,
    `GRANT SELECT, INSERT ON schema_migrations TO ${role}`,
  ]) {
    await owner.query(statement);
  }
}

/**
 * Why the connected role could rewrite history (empty when it cannot): it owns the events
 * table, is a member of its owner, or is a superuser. Logged as a warning at start.
 */
export async function appendOnlyGuardWeaknesses(client: SqlQueryable): Promise<string[]> {
  const [row] = await client.query<{ role: string; superuser: boolean; owns: boolean | null; owner: string | null }>(`
    SELECT current_user AS role,
           (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
           (SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c WHERE c.oid = to_regclass('events')) AS owns,
           (SELECT pg_get_userbyid(c.relowner) FROM pg_class c WHERE c.oid = to_regclass('events')) AS owner`);
  if (!row || row.owns === null) return [];
  const weaknesses: string[] = [];
  if (row.superuser) weaknesses.push(`the service connects as ${row.role}, a superuser: it can switch the append-only guard off (session_replication_role = replica)`);
  else if (row.owns) weaknesses.push(`the service connects as ${row.role}, which owns the events table (owner: ${row.owner}): it can disable the append-only triggers`);
  return weaknesses;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

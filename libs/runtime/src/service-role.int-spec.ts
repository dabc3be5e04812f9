import { randomBytes, randomUUID } from 'node:crypto';
import { appendOnlyGuardWeaknesses } from '#event-store';
import { PgClient } from '#sql';
import { createTemporaryDatabase, type TemporaryDatabase } from '#sql/testing';
import { loadConfig } from './app-config.js';
import { openStorage, type Storage } from './open-storage.js';

/**
 * Issue 18: the service connects with a role that cannot switch off the append-only guard;
 * migrations run as the owner (MIGRATION_DATABASE_URL), who grants the service what
 * appending needs and nothing more.
 */
describe('the service role on the postgres profile, when an owner runs the migrations', () => {
  let database: TemporaryDatabase;
  let owner: PgClient;
  let service: PgClient;
  let storage: Storage;
  const role = `ledger_service_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    database = await createTemporaryDatabase();
    owner = await PgClient.connect(database.url, { max: 1 });
    // What an operator does once (README): a login role with the right to create its own views.
    await owner.exec(`CREATE ROLE ${role} LOGIN; GRANT CONNECT ON DATABASE ${database.name} TO ${role}; GRANT USAGE, CREATE ON SCHEMA public TO ${role}`);
    const serviceUrl = new URL(database.url);
    serviceUrl.username = role;
    const config = loadConfig({
      EVENT_STORE: 'postgres',
      READ_STORE: 'postgres',
      DATABASE_URL: serviceUrl.toString(),
      MIGRATION_DATABASE_URL: database.url,
    });
    const warnings: string[] = [];
    storage = await openStorage(config, { migrate: true, warn: (message) => warnings.push(message) });
    expect(warnings.filter((warning) => warning.includes('append-only'))).toEqual([]);
    service = await PgClient.connect(serviceUrl.toString(), { max: 1 });
  });

  afterAll(async () => {
    await storage?.close();
    await service?.close();
    await owner?.close();
    await database?.drop();
    const server = await PgClient.connect(database.url.replace(`/${database.name}`, '/postgres'), { max: 1 });
    await server.exec(`DROP ROLE IF EXISTS ${role}`).finally(() => server.close());
  });

  it('appends and reads through the service role, its views migrated by it', async () => {
    const streamId = `project-${randomUUID()}`;
    const metadata = { actorId: 'fm', actorRole: 'fund-manager', recordedAt: new Date().toISOString(), correlationId: 'c', causationId: 'c', schemaVersion: 1, previousHash: '', hash: 'h' };
    await storage.events.append(streamId, [{ id: randomUUID(), type: 'ProjectDrafted', data: {}, metadata }], 'no_stream');
    expect(await storage.events.readStream(streamId)).toHaveLength(1);
    const [owned] = await owner.query<{ events: string; views: string }>(
      `SELECT pg_get_userbyid((SELECT relowner FROM pg_class WHERE relname = 'events')) AS events,
              pg_get_userbyid((SELECT relowner FROM pg_class WHERE relname = 'read_checkpoints')) AS views`,
    );
    expect(owned).toEqual({ events: 'postgres', views: role });
  });

  it.each([
    ['UPDATE', `UPDATE events SET data = '{}'`],
    ['DELETE', 'DELETE FROM events'],
    ['TRUNCATE', 'TRUNCATE events'],
    ['switching the triggers off for the session', 'SET session_replication_role = replica'],
    ['disabling the triggers', 'ALTER TABLE events DISABLE TRIGGER ALL'],
    ['taking the table over', `ALTER TABLE events OWNER TO ${role}`],
  ])('refuses the service role %s', async (_what, sql) => {
    await expect(service.exec(sql)).rejects.toMatchObject({ code: '42501' });
  });

  it('warns about a service that connects as the owner, and not about this one', async () => {
    expect(await appendOnlyGuardWeaknesses(service)).toEqual([]);
    expect(await appendOnlyGuardWeaknesses(owner)).toEqual([expect.stringContaining('superuser')]);
  });
});

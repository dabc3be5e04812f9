import { migrate, type Migration } from './migrations.js';
import { PgliteClient } from './pglite-client.js';

const createA: Migration = { version: 1, name: 'create a', up: 'CREATE TABLE a (id int); CREATE TABLE a2 (id int)' };
const createB: Migration = { version: 2, name: 'create b', up: 'CREATE TABLE b (id int)' };
const createC: Migration = { version: 1000, name: 'read store: create c', up: 'CREATE TABLE c (id int)' };

describe('migrate', () => {
  let client: PgliteClient;

  beforeAll(async () => {
    client = await PgliteClient.open(undefined);
  });

  afterAll(async () => {
    await client.close();
  });

  // A new database per test costs seconds; an empty schema costs milliseconds.
  beforeEach(async () => {
    await client.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  });

  const recorded = async () =>
    (await client.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version'))
      .map(({ version, name }) => [version, name]);

  it('applies the missing migrations in version order and records them', async () => {
    await expect(migrate(client, [createB, createA])).resolves.toEqual([1, 2]);

    expect(await recorded()).toEqual([[1, 'create a'], [2, 'create b']]);
    await expect(client.query('SELECT * FROM a2')).resolves.toEqual([]);
  });

  it('does nothing the second time, and applies only what a longer list adds', async () => {
    await migrate(client, [createA]);

    await expect(migrate(client, [createA])).resolves.toEqual([]);
    await expect(migrate(client, [createA, createB])).resolves.toEqual([2]);
    expect(await recorded()).toHaveLength(2);
  });

  it('lets several lists share the database, each in its own range of versions', async () => {
    await migrate(client, [createA, createB]);

    await expect(migrate(client, [createC])).resolves.toEqual([1000]);
    await expect(migrate(client, [createA, createB])).resolves.toEqual([]);
  });

  it('applies each migration once when two runs start together', async () => {
    const runs = await Promise.all([migrate(client, [createA, createB]), migrate(client, [createA, createB])]);

    expect(runs.flat().sort()).toEqual([1, 2]);
    expect(await recorded()).toHaveLength(2);
  });

  it('applies nothing when one migration fails', async () => {
    const broken: Migration = { version: 2, name: 'broken', up: 'CREATE TABLE b (id int); SELECT * FROM missing' };

    await expect(migrate(client, [createA, broken])).rejects.toMatchObject({ code: '42P01' });

    await expect(client.query(`SELECT to_regclass('a') AS a`)).resolves.toEqual([{ a: null }]);
    await expect(client.query(`SELECT to_regclass('schema_migrations') AS t`)).resolves.toEqual([{ t: null }]);
  });

  it('refuses a version recorded under another name: two lists collide', async () => {
    await migrate(client, [createA]);

    await expect(migrate(client, [{ ...createB, version: 1 }])).rejects.toThrow(/recorded as "create a"/);
  });

  it('refuses a list with the same version twice', async () => {
    await expect(migrate(client, [createA, { ...createB, version: 1 }])).rejects.toThrow(/appears twice/);
  });
});

import { chmod, lstat, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteClient } from '#sql';
import { loadConfig } from './app-config.js';
import { openStorage } from './open-storage.js';

/** Every file and directory under `root` (symbolic links not followed), with its permission bits. */
async function modes(root: string): Promise<Map<string, { mode: number; directory: boolean }>> {
  const found = new Map<string, { mode: number; directory: boolean }>();
  const visit = async (path: string) => {
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) return;
    found.set(path, { mode: stats.mode & 0o777, directory: stats.isDirectory() });
    if (stats.isDirectory()) for (const entry of await readdir(path)) await visit(join(path, entry));
  };
  await visit(root);
  return found;
}

function openToOthers(found: Map<string, { mode: number; directory: boolean }>): string[] {
  return [...found].filter(([, { mode, directory }]) => (mode & ~(directory ? 0o700 : 0o600)) !== 0).map(([path, { mode }]) => `${path} ${mode.toString(8)}`);
}

describe('the embedded store keeps its files private to the service user', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-modes-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const open = (warnings: string[] = []) =>
    openStorage(loadConfig({ DATA_DIR: dataDir, EVENT_STORE: 'embedded', READ_STORE: 'embedded' }), {
      migrate: true,
      warn: (message) => warnings.push(message),
    });

  it('creates a new data directory with files at most 0600 and directories at most 0700', async () => {
    await (await open()).close();
    const found = await modes(dataDir);
    expect(found.size).toBeGreaterThan(500);
    expect(openToOthers(found)).toEqual([]);
  });

  it('tightens files an older version left 0666 at start, says so, and creates later files private', async () => {
    await (await open()).close();
    const before = await modes(dataDir);
    for (const [path, { directory }] of before) await chmod(path, directory ? 0o777 : 0o666);
    await symlink(tmpdir(), join(dataDir, 'elsewhere'));

    const warnings: string[] = [];
    await (await open(warnings)).close();

    expect(openToOthers(await modes(dataDir))).toEqual([]);
    expect(warnings).toHaveLength(2);
    // As it starts, PostgreSQL rewrites a few files of its own (control file, caches), private
    // already by then: the check tightened all the others.
    const tightened = Number(/: (\d+) files and directories were readable or writable by other users/.exec(warnings[0]!)?.[1]);
    expect(tightened).toBeGreaterThan(before.size - 10);
    expect(tightened).toBeLessThanOrEqual(before.size);
    expect(warnings[1]).toContain(`${join(dataDir, 'elsewhere')} (a symbolic link, not followed)`);
    expect((await lstat(tmpdir())).mode & 0o777).not.toBe(0o700);

    // New relations, indexes and their WAL: files PGlite creates through its own code.
    const client = await PgliteClient.open(dataDir);
    await client.exec('CREATE TABLE later (id int PRIMARY KEY, note text); INSERT INTO later SELECT n, repeat($$x$$, 500) FROM generate_series(1, 20000) n; CHECKPOINT;');
    await client.close();
    const after = await modes(dataDir);
    const created = [...after.keys()].filter((path) => !before.has(path));
    expect(created.length).toBeGreaterThan(0);
    expect(openToOthers(after)).toEqual([]);
  });
});

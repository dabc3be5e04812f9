import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** What the start-up check found in a data directory. */
export interface DataDirPermissions {
  /** Files and directories that were open to the group or others, now private. */
  tightened: string[];
  /** Paths still open to others, or not checked, each with the reason. */
  unfixable: { path: string; reason: string }[];
}

const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;
/** How many paths a warning names; the count says how many more there are. */
const NAMED_IN_A_WARNING = 20;

/**
 * Makes every file of the embedded store's data directory (PGlite's files, the JWT secret,
 * the lock) readable and writable by this process's user only: files at most 0600,
 * directories at most 0700. New files are created private (OwnerOnlyNodeFS, mode 0600 on
 * the secret and the lock); this fixes what an older version or a copy left wider.
 * Symbolic links are not followed (their target may be anyone's), and what cannot be
 * changed (someone else's file, a read-only file system) is reported, not thrown: the
 * store may still open, and the operator is told what to fix.
 */
export async function securePermissions(dataDir: string): Promise<DataDirPermissions> {
  const found: DataDirPermissions = { tightened: [], unfixable: [] };
  const visit = async (path: string): Promise<void> => {
    let stats;
    try {
      stats = await lstat(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      found.unfixable.push({ path, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
      return;
    }
    if (stats.isSymbolicLink()) {
      found.unfixable.push({ path, reason: 'a symbolic link, not followed' });
      return;
    }
    const isDirectory = stats.isDirectory();
    const widest = isDirectory ? DIRECTORY_MODE : FILE_MODE;
    const mode = stats.mode & 0o777;
    if ((mode & ~widest) !== 0) {
      try {
        await chmod(path, mode & widest);
        found.tightened.push(path);
      } catch (error) {
        found.unfixable.push({ path, reason: `mode ${mode.toString(8)}, cannot change it (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      }
    }
    if (!isDirectory) return;
    let entries: string[];
    try {
      entries = await readdir(path);
    } catch (error) {
      found.unfixable.push({ path, reason: `cannot list it (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      return;
    }
    for (const entry of entries) await visit(join(path, entry));
  };
  await visit(dataDir);
  return found;
}

/** One warning line per kind of finding, naming the first paths and counting the rest. */
export function permissionWarnings(dataDir: string, found: DataDirPermissions): string[] {
  const named = (paths: string[]) =>
    paths.slice(0, NAMED_IN_A_WARNING).join(', ') + (paths.length > NAMED_IN_A_WARNING ? ` and ${paths.length - NAMED_IN_A_WARNING} more` : '');
  const warnings: string[] = [];
  if (found.tightened.length > 0) {
    warnings.push(
      `DATA_DIR ${dataDir}: ${found.tightened.length} files and directories were readable or writable by other users; ` +
        `now private to this user (files 0600, directories 0700): ${named(found.tightened)}`,
    );
  }
  if (found.unfixable.length > 0) {
    warnings.push(
      `DATA_DIR ${dataDir}: ${found.unfixable.length} paths could not be made private to this user; fix them by hand: ` +
        named(found.unfixable.map(({ path, reason }) => `${path} (${reason})`)),
    );
  }
  return warnings;
}

import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = 'portfolio-ledger.lock';

/** Directories this process holds: a second open here is refused without asking the OS. */
const heldHere = new Set<string>();

/**
 * One process, one PGlite per data directory. PGlite does not guard this itself: two
 * instances on one directory each keep their own buffers and silently diverge, then
 * corrupt it. The lock is a file holding the owner's pid; a lock whose process is gone
 * (a crash, a container restarted with the same pid) is taken over.
 */
export class DataDirLock {
  private constructor(
    private readonly directory: string,
    private readonly path: string,
  ) {}

  static async acquire(directory: string): Promise<DataDirLock> {
    if (heldHere.has(directory)) throw inUse(directory, process.pid);
    const path = join(directory, LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const file = await open(path, 'wx', 0o600);
        await file.writeFile(String(process.pid));
        await file.close();
        heldHere.add(directory);
        return new DataDirLock(directory, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
        if (isAnotherLiveProcess(holder)) throw inUse(directory, holder);
        await rm(path, { force: true });
      }
    }
    throw inUse(directory, undefined);
  }

  async release(): Promise<void> {
    heldHere.delete(this.directory);
    await rm(this.path, { force: true });
  }
}

function isAnotherLiveProcess(pid: number): boolean {
  // Our own pid in the file, for a directory this process does not hold, is a previous
  // incarnation of this program (typically pid 1 in a container).
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(directory: string, pid: number | undefined): Error {
  return new Error(
    `data directory ${directory} is already open${pid === undefined ? '' : ` (process ${pid})`}: ` +
      'one process at a time may use an embedded database',
  );
}

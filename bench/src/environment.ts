import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** Where a result was measured: the code (git commit), the runtime and the machine. */
export interface Environment {
  gitCommit: string | null;
  /** Uncommitted changes in the work tree when the benchmark ran. */
  gitDirty: boolean | null;
  node: string;
  cores: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  /**
   * The machine's load average (1, 5, 15 min) when the run started: on a shared machine,
   * others' work takes cores from the measure, and this shows when it did.
   */
  loadAverage: number[];
}

export function environmentOf(root: string): Environment {
  const git = (...args: string[]): string | null => {
    try {
      return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const commit = git('rev-parse', 'HEAD');
  const status = commit === null ? null : git('status', '--porcelain', '--untracked-files=no');
  return {
    gitCommit: commit,
    gitDirty: status === null ? null : status !== '',
    node: process.version,
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()}`,
    loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

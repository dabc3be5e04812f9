import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there is none
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `npm run bench` stopped half-way (Ctrl-C, `kill`) stops the service it started and removes
 * its data: a service left running would take the cores from whatever is measured next.
 */
describe('the benchmark harness, interrupted', () => {
  let resultsDir: string;

  beforeAll(async () => {
    resultsDir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-bench-interrupted-'));
  });

  afterAll(async () => {
    await rm(resultsDir, { recursive: true, force: true });
  });

  it('stops the API it started and removes its data directory when it gets SIGTERM', async () => {
    const main = join(process.cwd(), 'dist/bench/src/main.js');
    expect(existsSync(main)).toBe(true); // npm test compiles bench/ first
    const bench = spawn(process.execPath, [main, '--smoke', '--measures', 'queries', '--results', resultsDir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = once(bench, 'exit');
    // The portfolio is being loaded: the API is up.
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      bench.stderr!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('[bench] load')) resolve();
      });
      bench.once('exit', (code) => reject(new Error(`the benchmark ended (${code}) before loading:\n${seen}`)));
    });
    const [api] = childrenOf(bench.pid!);
    expect(api).toBeDefined();
    const environment = (await readFile(`/proc/${api}/environ`, 'utf8')).split('\0');
    const dataDir = environment.find((entry) => entry.startsWith('DATA_DIR='))!.slice('DATA_DIR='.length);
    expect(existsSync(dataDir)).toBe(true);

    bench.kill('SIGTERM');
    const [code] = (await exited) as [number | null];

    expect(code).toBe(143);
    expect(isRunning(api!)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });
});

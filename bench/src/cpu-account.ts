import { readdir, readFile } from 'node:fs/promises';

/**
 * Where the machine's cores went during each phase of a run: the API, the projector, the
 * PostgreSQL server (every `postgres` process: its backends for the service and the
 * projector, its writer and WAL processes), the benchmark process itself (the load
 * generator), everything else, and idle. On two cores, a figure is bounded by whichever
 * of these takes the cores, so this says what a throughput figure is made of before any
 * profile is opened.
 *
 * Read from /proc (Linux): CPU time of each process between the start and the end of a
 * phase, in cores busy on average (1.0 = one core all the time). A postgres backend that
 * exits during a phase takes the time it used in that phase with it (the service's pools
 * keep theirs open, so that is little). Elsewhere than Linux nothing is recorded.
 */
export interface CoresBusy {
  seconds: number;
  /** The machine's cores, as /proc/stat counts them. */
  cores: number;
  /** Per process group; `other` is the rest of the machine's busy time, `steal` what the hypervisor took. */
  busy: Record<string, number>;
  idle: number;
  steal: number;
}

/** USER_HZ: the unit of /proc's CPU times; 100 on every Linux build Node runs on. */
const TICKS_PER_SECOND = 100;

interface Reading {
  at: number;
  machine: { busy: number; idle: number; steal: number; cores: number } | undefined;
  /** Ticks per process group, per pid (postgres has many). */
  groups: Map<string, Map<number, number>>;
  benchProcess: number;
}

export class CpuAccount {
  private readonly phases: Record<string, CoresBusy> = {};

  /** `processes`: the service's processes by name (api, projector). */
  constructor(private readonly processes: () => readonly { name: string; pid: number }[]) {}

  /** Runs `work` as one phase and records where the cores went meanwhile. */
  async during<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const before = await this.read();
    const result = await work();
    const after = await this.read();
    const share = coresBusy(before, after);
    if (share) this.phases[phase] = share;
    return result;
  }

  summary(): Record<string, CoresBusy> {
    return { ...this.phases };
  }

  private async read(): Promise<Reading> {
    const groups = new Map<string, Map<number, number>>();
    for (const { name, pid } of this.processes()) {
      const ticks = await processTicks(pid);
      if (ticks !== undefined) groups.set(name, new Map([[pid, ticks]]));
    }
    groups.set('postgres', await postgresTicks());
    const usage = process.cpuUsage();
    return {
      at: Date.now(),
      machine: await machineTicks(),
      groups,
      benchProcess: ((usage.user + usage.system) / 1e6) * TICKS_PER_SECOND,
    };
  }
}

function coresBusy(before: Reading, after: Reading): CoresBusy | undefined {
  if (!before.machine || !after.machine) return undefined;
  const seconds = (after.at - before.at) / 1000;
  if (seconds <= 0) return undefined;
  const cores = (ticks: number) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100;
  const busy: Record<string, number> = {};
  let accounted = 0;
  for (const [group, pids] of after.groups) {
    let ticks = 0;
    for (const [pid, end] of pids) ticks += end - (before.groups.get(group)?.get(pid) ?? 0);
    busy[group] = cores(ticks);
    accounted += ticks;
  }
  const generator = after.benchProcess - before.benchProcess;
  busy['load generator (bench process)'] = cores(generator);
  accounted += generator;
  const machineBusy = after.machine.busy - before.machine.busy;
  busy.other = cores(Math.max(0, machineBusy - accounted));
  return {
    seconds: Math.round(seconds * 10) / 10,
    cores: after.machine.cores,
    busy,
    idle: cores(after.machine.idle - before.machine.idle),
    steal: cores(after.machine.steal - before.machine.steal),
  };
}

/** utime + stime of a process, in ticks (fields 14 and 15 of /proc/<pid>/stat, after the command name). */
async function processTicks(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

async function postgresTicks(): Promise<Map<number, number>> {
  const ticks = new Map<number, number>();
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return ticks;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (comm.trim() !== 'postgres') continue;
    const used = await processTicks(pid);
    if (used !== undefined) ticks.set(pid, used);
  }
  return ticks;
}

/** The first line of /proc/stat: busy (user, nice, system, irq, softirq), idle (idle, iowait), steal. */
async function machineTicks(): Promise<Reading['machine']> {
  try {
    const stat = await readFile('/proc/stat', 'utf8');
    const [user, nice, system, idle, iowait, irq, softirq, steal] = stat.split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number) as number[];
    const cores = stat.split('\n').filter((line) => /^cpu\d+ /.test(line)).length;
    return { busy: user! + nice! + system! + irq! + softirq!, idle: idle! + iowait!, steal: steal ?? 0, cores };
  } catch {
    return undefined;
  }
}

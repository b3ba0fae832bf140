import { readFileSync } from 'node:fs';

/** Linux USER_HZ: /proc reports CPU times in these ticks (100 on every mainstream kernel build). */
const TICKS_PER_S = 100;

/** utime + stime of a process in seconds, or undefined when it is gone or /proc is absent. */
function processCpuS(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": the command may contain spaces, so split after its closing paren.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S; // fields 14 and 15 of proc(5)
  } catch {
    return undefined;
  }
}

/** Busy and total CPU seconds of the whole machine, from /proc/stat's first line. */
function machineCpuS(): { busy: number; total: number } | undefined {
  try {
    const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const ticks = values.map(Number);
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0); // user … steal; guest is inside user
    const idle = ticks[3] + ticks[4]; // idle + iowait
    return { busy: (total - idle) / TICKS_PER_S, total: total / TICKS_PER_S };
  } catch {
    return undefined;
  }
}

export interface CpuShare {
  name: string;
  cpuS: number;
  /** CPU seconds per wall second: 1.0 = one core fully busy. */
  cores: number;
}

export interface CpuProfile {
  wallS: number;
  /** Busy share of all cores of the machine over the window, 0..1. */
  machineBusy: number | null;
  processes: CpuShare[];
}

/**
 * CPU time per process over a window (Linux /proc): says whether a run is CPU-bound and which
 * process spends it. Groups (e.g. all PostgreSQL backends of the database) are summed; a pid
 * first seen at the end counts from zero.
 */
export class CpuSampler {
  private readonly start = new Map<number, number>();
  private startMachine: { busy: number; total: number } | undefined;
  private startNs = 0n;
  private startSelf: NodeJS.CpuUsage = process.cpuUsage();

  begin(pids: number[]): void {
    this.startNs = process.hrtime.bigint();
    this.startMachine = machineCpuS();
    this.startSelf = process.cpuUsage();
    for (const pid of pids) {
      const s = processCpuS(pid);
      if (s !== undefined) this.start.set(pid, s);
    }
  }

  /** CPU seconds per named group since `begin`, without closing the window. */
  endFor(groups: Array<{ name: string; pids: number[] }>): Map<string, number> {
    return new Map(
      groups.map(({ name, pids }) => [
        name,
        pids.reduce(
          (sum, pid) => sum + Math.max(0, (processCpuS(pid) ?? 0) - (this.start.get(pid) ?? 0)),
          0,
        ),
      ]),
    );
  }

  end(groups: Array<{ name: string; pids: number[] }>): CpuProfile {
    const wallS = Number(process.hrtime.bigint() - this.startNs) / 1e9;
    const machine = machineCpuS();
    const self = process.cpuUsage(this.startSelf);
    const processes: CpuShare[] = groups.map(({ name, pids }) => {
      const cpuS = pids.reduce(
        (sum, pid) => sum + Math.max(0, (processCpuS(pid) ?? 0) - (this.start.get(pid) ?? 0)),
        0,
      );
      return { name, cpuS, cores: cpuS / wallS };
    });
    const selfS = (self.user + self.system) / 1e6;
    processes.push({
      name: 'benchmark client (exporter, polling)',
      cpuS: selfS,
      cores: selfS / wallS,
    });
    const before = this.startMachine;
    const machineBusy =
      machine && before && machine.total > before.total
        ? (machine.busy - before.busy) / (machine.total - before.total)
        : null;
    return { wallS, machineBusy, processes };
  }
}

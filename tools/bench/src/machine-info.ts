import { cpus, loadavg, platform, release, totalmem } from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  /**
   * 1-minute load average when the run started and ended: the services, broker, database and
   * this client share the CPUs, so anything else running skews the figures (ratios less so).
   */
  loadAverage1m: { start: number; end: number };
}

export function loadAverage1m(): number {
  return Math.round(loadavg()[0] * 100) / 100;
}

export function machineInfo(loadAtStart: number): MachineInfo {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    loadAverage1m: { start: loadAtStart, end: loadAverage1m() },
  };
}

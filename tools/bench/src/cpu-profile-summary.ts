/**
 * Summarises V8 CPU profiles (`node --cpu-prof`, e.g. the services of the end-to-end benchmark
 * run with GREENOPS_BENCH_CPU_PROF_DIR): self time by function and by file or package, and the
 * inclusive time of chosen functions, as shares of the busy (non-idle) samples.
 *
 *   node dist/tools/bench/src/cpu-profile-summary.js <file.cpuprofile>… [--top 25] [--inclusive fnA,fnB]
 *
 * The format is V8's `Profiler.Profile` (Chrome DevTools protocol): a node tree with call frames,
 * `samples` (node id per sample) and `timeDeltas` (µs between samples).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Not work of the process: the event loop waiting, and V8's own bookkeeping entries. */
const IDLE = new Set(['(idle)', '(program)']);

/** The package (node_modules/<name> or <@scope/name>), the repo file, or a V8 pseudo-frame. */
export function placeOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = path.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (path.startsWith('node:')) return path;
  const dist = path.indexOf('/dist/');
  return dist >= 0 ? path.slice(dist + '/dist/'.length) : path;
}

interface Summary {
  file: string;
  totalMs: number;
  busyMs: number;
  byFunction: Map<string, number>;
  byPlace: Map<string, number>;
  inclusive: Map<string, number>;
}

export function summarise(file: string, profile: CpuProfile, inclusiveNames: string[]): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    totalUs += dt;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  const inclusive = new Map<string, number>(inclusiveNames.map((n) => [n, 0]));
  let busyUs = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (IDLE.has(functionName)) continue;
    busyUs += us;
    const place = placeOf(url, functionName);
    add(byFunction, `${functionName || '(anonymous)'} ${place}:${lineNumber + 1}`, us);
    add(byPlace, place, us);
    // Inclusive: charged once to each named function on the stack, however often it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)?.callFrame.functionName ?? '';
      if (inclusive.has(name) && !seen.has(name)) {
        seen.add(name);
        add(inclusive, name, us);
      }
    }
  }
  return { file, totalMs: totalUs / 1000, busyMs: busyUs / 1000, byFunction, byPlace, inclusive };
}

function table(title: string, entries: Map<string, number>, busyMs: number, top: number): string {
  const rows = [...entries].sort((a, b) => b[1] - a[1]).slice(0, top);
  const lines = [`| ${title} | ms | % of busy |`, '| --- | ---: | ---: |'];
  for (const [k, us] of rows) {
    const ms = us / 1000;
    lines.push(`| \`${k}\` | ${ms.toFixed(0)} | ${((ms / busyMs) * 100).toFixed(1)} |`);
  }
  return lines.join('\n');
}

function main(argv: string[]): void {
  let top = 25;
  let inclusiveNames: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--top') top = Number(argv[++i]);
    else if (argv[i] === '--inclusive') inclusiveNames = argv[++i].split(',');
    else files.push(argv[i]);
  }
  if (files.length === 0) {
    console.error('usage: cpu-profile-summary <file.cpuprofile>… [--top N] [--inclusive f,g]');
    process.exitCode = 64;
    return;
  }
  for (const file of files) {
    const s = summarise(file, JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, inclusiveNames);
    console.log(
      `## ${basename(file)}: ${(s.totalMs / 1000).toFixed(1)} s profiled, ${(s.busyMs / 1000).toFixed(1)} s busy\n`,
    );
    console.log(`${table('self time by function', s.byFunction, s.busyMs, top)}\n`);
    console.log(`${table('self time by file or package', s.byPlace, s.busyMs, top)}\n`);
    if (inclusiveNames.length > 0)
      console.log(`${table('inclusive time', s.inclusive, s.busyMs, top)}\n`);
  }
}

if (require.main === module) main(process.argv.slice(2));

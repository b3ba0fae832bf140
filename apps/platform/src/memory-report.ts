import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import type { WorkerMemory } from '@greenops/persistence';

const MiB = 1024 * 1024;

/** VmRSS, RssAnon and RssFile of this process (Linux /proc/self/status), in bytes. */
function residentSet(): { rss: number; anon: number; file: number } | undefined {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kB = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
    return { rss: kB('VmRSS') * 1024, anon: kB('RssAnon') * 1024, file: kB('RssFile') * 1024 };
  } catch {
    return undefined; // not Linux
  }
}

/**
 * One line saying where the process's memory is: the resident set, the services' V8 heap (the
 * main thread), and the database worker's V8 heap, buffers and PGlite's WebAssembly memory
 * (docs/operations.md, "Embedded mode's memory"). Sizes in MiB.
 */
export async function memoryReport(
  workerMemory: (() => Promise<WorkerMemory | undefined>) | undefined,
): Promise<string> {
  const heap = getHeapStatistics();
  const usage = process.memoryUsage();
  const worker = await workerMemory?.();
  const rss = residentSet();
  const m = (bytes: number) => (bytes / MiB).toFixed(1);
  return [
    rss ? `rss=${m(rss.rss)} rssAnon=${m(rss.anon)} rssFile=${m(rss.file)}` : `rss=${m(usage.rss)}`,
    `mainHeapUsed=${m(heap.used_heap_size)} mainHeapTotal=${m(heap.total_heap_size)}`,
    `mainArrayBuffers=${m(usage.arrayBuffers)}`,
    worker
      ? `workerHeapUsed=${m(worker.heapUsedBytes)} workerHeapTotal=${m(worker.heapTotalBytes)} ` +
        `workerArrayBuffers=${m(worker.arrayBuffersBytes)} wasmMemory=${m(worker.wasmBytes)}`
      : 'worker=unavailable',
  ].join(' ');
}

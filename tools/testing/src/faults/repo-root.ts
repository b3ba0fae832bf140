import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest ancestor holding nx.json (works from src/ and from dist/). */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}: run inside the repository`);
    dir = parent;
  }
  return dir;
}

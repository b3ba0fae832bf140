import type { Pool } from 'pg';
import type { ConnectionActivity } from './read-gate';

/** The ReadGate's view of a node-postgres pool (public counters and events of pg-pool). */
export function poolActivity(pool: Pool): ConnectionActivity {
  return {
    busy: () => pool.waitingCount > 0 || pool.totalCount > pool.idleCount,
    onReleased: (listener) => {
      pool.on('release', () => listener());
      pool.on('remove', () => listener());
    },
  };
}

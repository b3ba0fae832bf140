import { createServer } from 'node:net';

/** The first of the ports fault tests take (broker, its controller, PostgreSQL: base … base+2). */
export const FAULT_PORT_BASE_ENV = 'GREENOPS_TEST_FAULT_PORT_BASE';

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Ports for a fault test's private broker (`kafka`, its controller on `kafka + 1`) and private
 * PostgreSQL cluster (`postgres`): `base`, `base + 1`, `base + 2` when GREENOPS_TEST_FAULT_PORT_BASE
 * is set (checkouts side by side each pick their own), otherwise three consecutive free ports.
 */
export async function faultPorts(): Promise<{ kafka: number; postgres: number }> {
  const raw = process.env[FAULT_PORT_BASE_ENV]?.trim();
  if (raw) {
    const base = Number(raw);
    if (!Number.isInteger(base) || base < 1024 || base > 65533) {
      throw new Error(`${FAULT_PORT_BASE_ENV} must be a port within 1024..65533, got '${raw}'`);
    }
    return { kafka: base, postgres: base + 2 };
  }
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    const free = await Promise.all([base, base + 1, base + 2].map(portFree));
    if (free.every(Boolean)) return { kafka: base, postgres: base + 2 };
  }
  throw new Error('no three consecutive free ports found for the fault test');
}

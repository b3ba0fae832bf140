import { freePorts } from '../free-port';

/** The first of the ports fault tests take (broker, its controller, PostgreSQL: base … base+2). */
export const FAULT_PORT_BASE_ENV = 'GREENOPS_TEST_FAULT_PORT_BASE';

/**
 * Ports for a fault test's private broker (`kafka`, its controller on `kafka + 1`) and private
 * PostgreSQL cluster (`postgres`): `base`, `base + 1`, `base + 2` when GREENOPS_TEST_FAULT_PORT_BASE
 * is set (checkouts side by side each pick their own), otherwise three consecutive free ports
 * below the kernel's ephemeral range (free-port.ts says why: a port inside it was once taken by
 * an outgoing connection between the check and the broker's bind).
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
  const base = await freePorts(3);
  return { kafka: base, postgres: base + 2 };
}

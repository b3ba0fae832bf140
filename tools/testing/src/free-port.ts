import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Lowest port we hand out: above the well-known and the common registered service ports. */
const LOWEST_PORT = 20000;
/** Linux's default ephemeral range starts here when /proc does not say otherwise. */
const DEFAULT_EPHEMERAL_LOW = 32768;

/**
 * A TCP port free on 127.0.0.1 right now (for services a test or benchmark starts).
 *
 * Chosen BELOW the kernel's ephemeral range: a port the kernel assigned (`listen(0)`) and
 * released is exactly the kind it hands next to an outgoing connection, so a sibling process
 * opening a Kafka or PostgreSQL connection in the moment between this check and the service's
 * own `listen` could take it (seen as EADDRINUSE when several services start at once).
 */
export async function freePort(): Promise<number> {
  return freePorts(1);
}

/**
 * The first of `count` consecutive TCP ports free on 127.0.0.1 right now (a broker and its
 * controller, say), from the same range as freePort and for the same reason.
 */
export async function freePorts(count: number): Promise<number> {
  const highest = ephemeralLow() - count;
  for (let attempt = 0; attempt < 200; attempt++) {
    const first = LOWEST_PORT + Math.floor(Math.random() * (highest - LOWEST_PORT + 1));
    const ports = Array.from({ length: count }, (_, i) => first + i);
    if ((await Promise.all(ports.map(bindable))).every(Boolean)) return first;
  }
  throw new Error(
    `freePorts: no ${count} consecutive free ports found in ${LOWEST_PORT}-${highest + count - 1} after 200 tries`,
  );
}

function ephemeralLow(): number {
  try {
    const low = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
    );
    return Number.isInteger(low) && low > LOWEST_PORT + 1000 ? low : DEFAULT_EPHEMERAL_LOW;
  } catch {
    return DEFAULT_EPHEMERAL_LOW;
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

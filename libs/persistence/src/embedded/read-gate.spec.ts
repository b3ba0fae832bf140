import { ReadGate, type ConnectionActivity } from './read-gate';

/** A stand-in for the one pooled connection: writes hold it; releasing it notifies the gate. */
class FakeConnection implements ConnectionActivity {
  holders = 0;
  private listeners: Array<() => void> = [];

  busy(): boolean {
    return this.holders > 0;
  }

  onReleased(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Holds the connection like a write until the returned function is called. */
  hold(): () => void {
    this.holders += 1;
    return () => {
      this.holders -= 1;
      this.listeners.forEach((l) => l());
    };
  }
}

function manual(): { promise: Promise<void>; finish: () => void } {
  let finish!: () => void;
  const promise = new Promise<void>((r) => (finish = r));
  return { promise, finish };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('ReadGate', () => {
  it('runs one read at a time, in arrival order', async () => {
    const gate = new ReadGate(new FakeConnection());
    const order: string[] = [];
    const first = manual();
    const reads = [
      gate.run(async () => {
        order.push('r1 start');
        await first.promise;
        order.push('r1 end');
      }),
      gate.run(async () => {
        order.push('r2');
      }),
      gate.run(async () => {
        order.push('r3');
      }),
    ];
    await settle();
    expect(order).toEqual(['r1 start']);
    expect(gate.queued).toBe(2);
    first.finish();
    await Promise.all(reads);
    expect(order).toEqual(['r1 start', 'r1 end', 'r2', 'r3']);
  });

  it('admits no read while a write holds or waits for the connection', async () => {
    const connection = new FakeConnection();
    const gate = new ReadGate(connection);
    const release = connection.hold();
    let ran = false;
    const read = gate.run(async () => {
      ran = true;
    });
    await settle();
    expect(ran).toBe(false);
    release();
    await read;
    expect(ran).toBe(true);
  });

  it('lets a write that arrives behind queued reads go before all of them but the one in flight', async () => {
    const connection = new FakeConnection();
    const gate = new ReadGate(connection);
    const order: string[] = [];
    const inFlight = manual();
    const reads = [
      gate.run(async () => {
        order.push('r1');
        await inFlight.promise;
      }),
      ...['r2', 'r3', 'r4'].map((name) => gate.run(async () => void order.push(name))),
    ];
    await settle();
    // The write asks for the connection while r1 has it: it waits in the pool, not in the gate.
    const releaseWrite = connection.hold();
    inFlight.finish();
    await settle();
    await settle();
    order.push('write');
    expect(order).toEqual(['r1', 'write']);
    releaseWrite();
    await Promise.all(reads);
    expect(order).toEqual(['r1', 'write', 'r2', 'r3', 'r4']);
  });

  it('frees its slot when a read fails, and passes the error on', async () => {
    const gate = new ReadGate(new FakeConnection());
    const boom = new Error('syntax error');
    await expect(gate.run(() => Promise.reject(boom))).rejects.toBe(boom);
    await expect(gate.run(async () => 42)).resolves.toBe(42);
  });
});

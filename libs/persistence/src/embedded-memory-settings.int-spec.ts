import { EMBEDDED_INITIAL_MEMORY_BYTES, EMBEDDED_SHARED_BUFFERS } from './embedded/pglite-host';
import { openEmbeddedTimescale } from './open-embedded-timescale';

// docs/operations.md, "Embedded mode's memory".
describe('embedded database memory settings', () => {
  it('starts PostgreSQL with the embedded shared_buffers, not PGlite’s 128 MB, on both engines', async () => {
    for (const engine of ['timescale', 'pglite'] as const) {
      const db = await openEmbeddedTimescale({ engine });
      try {
        expect(EMBEDDED_SHARED_BUFFERS).toBe('32MB');
        // 32 MB in 8 kB pages: 32 × 1024 / 8 = 4096.
        expect(
          await db.dataSource.query(
            "select setting, unit from pg_settings where name = 'shared_buffers'",
          ),
        ).toEqual([{ setting: '4096', unit: '8kB' }]);
      } finally {
        await db.close();
      }
    }
  });

  it('takes another shared_buffers size, and refuses one it cannot write', async () => {
    const db = await openEmbeddedTimescale({ sharedBuffers: '16MB' });
    try {
      expect(await db.dataSource.query('show shared_buffers')).toEqual([
        { shared_buffers: '16MB' },
      ]);
    } finally {
      await db.close();
    }
    await expect(openEmbeddedTimescale({ sharedBuffers: '1GB' })).rejects.toThrow(
      'shared_buffers must be 1MB to 999MB, got "1GB"',
    );
  });

  it('reports the worker’s heap and its WebAssembly memory, reserved at the initial size', async () => {
    const db = await openEmbeddedTimescale();
    try {
      const memory = await db.workerMemory!();
      expect(EMBEDDED_INITIAL_MEMORY_BYTES).toBe(256 * 1024 * 1024);
      // Reserved at 256 MiB from the start; PostgreSQL's ≈ 100 MiB after start fit in it.
      expect(memory?.wasmBytes).toBe(EMBEDDED_INITIAL_MEMORY_BYTES);
      expect(memory?.heapUsedBytes).toBeGreaterThan(0);
      expect(memory!.heapTotalBytes).toBeGreaterThanOrEqual(memory!.heapUsedBytes);
    } finally {
      await db.close();
    }
    expect(await db.workerMemory!()).toBeUndefined();
  });
});

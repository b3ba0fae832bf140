import { BaseTables1767225600000 } from './1767225600000-base-tables';
import { TimescaleOrRollup1767225600001 } from './1767225600001-timescale-or-rollup';

/** In order; listed explicitly so they load the same way under jest, ts-node and built JS. */
export const MIGRATIONS = [BaseTables1767225600000, TimescaleOrRollup1767225600001];

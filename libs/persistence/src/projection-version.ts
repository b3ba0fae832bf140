/**
 * The projection version queries serve. Facts of a replayed, newer projection can be written
 * alongside (projection_version column) and switched to by bumping this; a
 * `projection_versions` table can replace the constant when rebuilds are implemented.
 */
export const CURRENT_PROJECTION_VERSION = 1;

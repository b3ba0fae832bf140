import { ZERO_RANGE, type Activity, type EmissionResult } from '@greenops/domain';
import { ATTR } from '../attributes';
import { MethodologyInputError } from '../errors';
import type { FactorTrail } from '../factor-trail';
import { resolveIntensities } from '../intensity';
import { resolvePue } from '../pue';
import { electricityResult } from '../result';
import { electricityScope } from '../scope';
import { factorRange, multiplyRanges, pointRange } from '../uncertainty';
import { durationHours, nonNegative, positive } from '../validate';

const MEDIA = ['ssd', 'hdd', 'tape', 'object'] as const;

/**
 * `storage`: IT energy = TB held × hours × Wh/TB-h (by media) × copies, then PUE and grid.
 * TB = 10¹² bytes. Media defaults to object storage in the cloud, HDD on premises; copies default
 * to 3 for object storage (CCF), 1 otherwise. Embodied emissions of drives are not included.
 */
export function storageEmissions(activity: Activity, trail: FactorTrail): EmissionResult {
  const m = activity.measurements;
  const s = m.storage;
  const bytes = nonNegative(s?.bytes, ATTR.storageBytes);
  if (!s || bytes === undefined)
    throw new MethodologyInputError(ATTR.storageBytes, 'storage needs the bytes held');
  const media = s.media ?? (m.cloudProvider ? 'object' : 'hdd');
  if (!(MEDIA as readonly string[]).includes(media)) {
    throw new MethodologyInputError(
      ATTR.storageMedia,
      `must be one of ${MEDIA.join(', ')}, got '${String(media)}'`,
    );
  }
  const copies =
    positive(s.replication, ATTR.storageReplication) ??
    trail.use(media === 'object' ? 'storage.object.replication' : 'storage.block.replication')
      .value;
  const tbHours = (bytes / 1e12) * durationHours(activity.durationS) * copies;
  const whPerTbH = factorRange(trail.use(`storage.${media}.wh-per-tb-hour`));
  const pue = resolvePue(m, trail, 'on-premises');
  const intensity = resolveIntensities(activity, trail);
  return electricityResult(
    {
      energyItKwh: multiplyRanges(whPerTbH, pointRange(tbHours / 1000)),
      pue: pue.pue,
      notes: pue.notes,
      locationGPerKwh: intensity.locationGPerKwh,
      marketGPerKwh: intensity.marketGPerKwh,
      embodiedG: ZERO_RANGE,
      trainingG: ZERO_RANGE,
      tier: 'proxy',
      scope: electricityScope(!!m.cloudProvider),
      modelId: `storage.${media}.wh-per-tb-hour`,
    },
    trail,
  );
}

import type { ActivityMeasurements } from '@greenops/domain';
import { CLOUD_PROVIDER_PUE_FACTOR } from '@greenops/factors';
import { ATTR } from './attributes';
import { MethodologyInputError } from './errors';
import type { FactorTrail } from './factor-trail';

/** Where an activity's electricity is used when no cloud provider is named. */
export type PueDefault = 'on-premises' | 'ai-service';

/**
 * Facility PUE, in order: span override (`greenops.pue`) > cloud provider fleet PUE (providers' 2024 reports;
 * unknown provider → industry average 1.56) > the default for where the work ran: 1.0 for own
 * workstations and on-prem nodes (their metered/modelled draw is the facility draw), 1.1 for AI
 * bought as a service (Carbon Trust 2026, Appendix 3).
 */
export function resolvePue(
  m: ActivityMeasurements,
  trail: FactorTrail,
  fallback: PueDefault,
): number {
  if (m.pue !== undefined) {
    if (typeof m.pue !== 'number' || !Number.isFinite(m.pue) || m.pue < 1 || m.pue > 5) {
      throw new MethodologyInputError(
        ATTR.pue,
        `PUE must be a number in [1, 5], got ${String(m.pue)}`,
      );
    }
    return m.pue;
  }
  if (m.cloudProvider) {
    const id =
      CLOUD_PROVIDER_PUE_FACTOR[normaliseProvider(m.cloudProvider)] ?? 'pue.industry-average';
    return trail.use(id).value;
  }
  return trail.use(fallback === 'ai-service' ? 'pue.ai-service' : 'pue.on-premises').value;
}

export function normaliseProvider(provider: string): string {
  return provider.trim().toLowerCase();
}

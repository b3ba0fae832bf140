import { ATTR } from '../attributes';
import { MethodologyInputError } from '../errors';

const FUELS = ['diesel', 'petrol', 'hvo'] as const;

/** `greenops.fuel.type` → Scope 1 combustion factor id (kgCO2e/litre, DESNZ 2025). */
export function fuelFactorId(type: string | undefined): string {
  const t = (type ?? 'diesel').trim().toLowerCase();
  if (!(FUELS as readonly string[]).includes(t)) {
    throw new MethodologyInputError(
      ATTR.fuelType,
      `unknown fuel '${String(type)}' (${FUELS.join(', ')})`,
    );
  }
  return `fuel.${t}.kg-per-litre`;
}

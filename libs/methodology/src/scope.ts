import type { GhgScope } from '@greenops/domain';

export interface ScopeCategory {
  scope: GhgScope;
  category: string;
}

/** GHG Protocol classification of each result (docs/methodology.md §7). */
export const SCOPES = {
  /** Own generators, own fuel burnt on set. */
  stationaryCombustion: { scope: 1, category: 'scope1.stationary-combustion' },
  /** Fuel burnt in vehicles the production owns or controls. */
  mobileCombustion: { scope: 1, category: 'scope1.mobile-combustion' },
  /** Electricity bought for own workstations, render nodes, studios, on-set grid tie-ins. */
  purchasedElectricity: { scope: 2, category: 'scope2.purchased-electricity' },
  /** Cloud compute/storage, AI services, network transfer: purchased services. */
  cloudServices: { scope: 3, category: 'scope3.cat1.purchased-goods-and-services' },
  /** Flights, rail, car hire, taxis, ferries and hotel nights. */
  businessTravel: { scope: 3, category: 'scope3.cat6.business-travel' },
} as const satisfies Record<string, ScopeCategory>;

/** Electricity of an activity: Scope 2 when it is ours, Scope 3 cat 1 when a provider bills it. */
export function electricityScope(isCloud: boolean): ScopeCategory {
  return isCloud ? SCOPES.cloudServices : SCOPES.purchasedElectricity;
}

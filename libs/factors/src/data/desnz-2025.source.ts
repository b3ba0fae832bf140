/**
 * Citations for the UK Government GHG Conversion Factors for Company Reporting, 2025 edition
 * (DESNZ, published 10 June 2025, column "GHG Conversion Factor 2025", GHG/Unit "kg CO2e"),
 * and for the public copies the shipped values were checked against. Flat-file IDs are quoted
 * so an auditor can find the row in the official workbook.
 */
export const DESNZ_2025 =
  'UK DESNZ, Greenhouse gas reporting: conversion factors 2025 (flat file, "GHG Conversion Factor 2025", kg CO2e), https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025';

/**
 * Public copy of the 2025 flat file (Scope 3 tables) the travel values were read from: CSVs
 * with the "Column Text" (fuel, With/Without RF) under defra_factors_2025_v2/, and SQL inserts
 * of scope_3.csv under backend/. `path` is relative to that repository's root.
 */
export function julesCopy(path: string): string {
  return `checked against the public copy github.com/scope3emissiontest-oss/JulesProject, ${path}`;
}

/**
 * The Scope 1 "Fuels"/"Bioenergy" rows are not in that copy. They were checked against public
 * GitHub code found by exact-value search; the search index names no repository, so the copies
 * are identified by what they say.
 */
export const FUEL_COPIES =
  'checked against public GitHub code found by exact-value search (index gives no repository name): two files labelling 2.57082 "UK Government GHG Conversion Factors for Company Reporting 2025 … Diesel (average biofuel blend), kgCO2e per litre" and 2.06916 as 2025 petrol, and a DESNZ fuel table whose other rows (natural gas 0.18296 kWh gross, LPG 1.55713 l, burning oil 2.54016 l) match copies labelled 2025';

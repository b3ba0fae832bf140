// Minimal typing of the CommonJS entry `@tgwf/co2/data` (the package ships no .d.ts).
declare module '@tgwf/co2/data' {
  export const averageIntensity: { type: string; data: Record<string, number> };
}

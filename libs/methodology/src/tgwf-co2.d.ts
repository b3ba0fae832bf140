// Minimal typing of the CommonJS entry `@tgwf/co2` (the package ships no .d.ts): only what we call.
declare module '@tgwf/co2' {
  interface GridIntensityBySegment {
    device: number;
    dataCenter: number;
    network: number;
  }
  /** Sustainable Web Design v4 grams by segment (`results: 'segment'`). */
  interface SwdSegmentGrams {
    dataCenterOperationalCO2e: number;
    networkOperationalCO2e: number;
    consumerDeviceOperationalCO2e: number;
    dataCenterEmbodiedCO2e: number;
    networkEmbodiedCO2e: number;
    consumerDeviceEmbodiedCO2e: number;
    total: number;
  }
  export class co2 {
    constructor(options: { model: 'swd' | '1byte'; version?: 3 | 4; results?: 'segment' });
    perByteTrace(
      bytes: number,
      green: boolean,
      options: { gridIntensity?: GridIntensityBySegment },
    ): { co2: number | SwdSegmentGrams };
  }
}

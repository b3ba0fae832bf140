// Minimal typing of the CommonJS entry `@tgwf/co2` (the package ships no .d.ts): only what we call.
declare module '@tgwf/co2' {
  interface GridIntensityBySegment {
    device: number;
    dataCenter: number;
    network: number;
  }
  export class co2 {
    constructor(options: { model: 'swd' | '1byte'; version?: 3 | 4 });
    perByteTrace(
      bytes: number,
      green: boolean,
      options: { gridIntensity?: GridIntensityBySegment },
    ): { co2: number };
  }
}

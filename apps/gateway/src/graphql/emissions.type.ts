import { Field, Float, ObjectType } from '@nestjs/graphql';
import type { EmissionsTotals } from '../gateway-queries.port';

@ObjectType({
  description: 'Grams CO2e and kWh. co2eG = operationalG + embodiedG + trainingG (location-based).',
})
export class Emissions {
  @Field(() => Float, { description: 'Facility energy (PUE applied), kWh.' })
  energyKwh!: number;

  @Field(() => Float, { description: 'Location-based total, nominal, g CO2e.' })
  co2eG!: number;

  @Field(() => Float, { description: 'Market-based total, g CO2e.' })
  co2eMarketG!: number;

  @Field(() => Float)
  operationalG!: number;

  @Field(() => Float)
  embodiedG!: number;

  @Field(() => Float)
  trainingG!: number;

  @Field(() => Float, { description: 'Low end of the uncertainty range, g CO2e.' })
  lowG!: number;

  @Field(() => Float, { description: 'High end of the uncertainty range, g CO2e.' })
  highG!: number;

  static from(totals: EmissionsTotals): Emissions {
    return Object.assign(new Emissions(), {
      energyKwh: totals.energyKwh,
      co2eG: totals.co2eG,
      co2eMarketG: totals.co2eMarketG,
      operationalG: totals.operationalG,
      embodiedG: totals.embodiedG,
      trainingG: totals.trainingG,
      lowG: totals.lowG,
      highG: totals.highG,
    });
  }
}

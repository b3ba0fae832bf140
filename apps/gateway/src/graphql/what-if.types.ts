import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum RenderResolutionValue {
  NATIVE = 'NATIVE',
  UPSCALE_FROM_720P = 'UPSCALE_FROM_720P',
}
registerEnumType(RenderResolutionValue, {
  name: 'RenderResolution',
  description:
    'NATIVE: AI video as recorded. UPSCALE_FROM_720P: generated with a 720-pixel short side, then upscaled to the recorded size (Carbon Trust, "The carbon impact of AI video generation", June 2026).',
});

export enum LightingTypeValue {
  LED = 'LED',
  HMI = 'HMI',
  TUNGSTEN = 'TUNGSTEN',
}
registerEnumType(LightingTypeValue, {
  name: 'LightingType',
  description:
    'On-set lighting to swap to (answered with a note while no published efficacy is in the factor set).',
});

@InputType({
  description: "What a project's stored activities are recomputed under; every part optional.",
})
export class WhatIfScenarioInput {
  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 grid the work draws from.',
  })
  country?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'With cloudRegion: where data-centre work runs.',
  })
  cloudProvider?: string | null;

  @Field(() => String, { nullable: true })
  cloudRegion?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Facility ÷ IT energy, 1–5, where a data-centre PUE applies.',
  })
  pue?: number | null;

  @Field(() => RenderResolutionValue, { nullable: true })
  renderResolution?: RenderResolutionValue | null;

  @Field(() => LightingTypeValue, { nullable: true })
  lighting?: LightingTypeValue | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Renders and AI generation may start up to this many hours later (0–48), at the lowest hourly intensity.',
  })
  carbonAwareShiftHours?: number | null;
}

@ObjectType({ description: 'Recomputed totals of the activities a what-if covers.' })
export class WhatIfTotals {
  @Field(() => Int)
  activityCount!: number;

  @Field(() => Float, { description: 'Facility energy, kWh (nominal).' })
  energyKwh!: number;

  @Field(() => Float, { description: 'Location-based g CO2e, nominal.' })
  co2eG!: number;

  @Field(() => Float)
  lowG!: number;

  @Field(() => Float)
  highG!: number;

  @Field(() => Float, { description: 'Market-based g CO2e, nominal.' })
  co2eMarketG!: number;
}

@ObjectType()
export class WhatIfKindLine {
  @Field()
  kind!: string;

  @Field(() => WhatIfTotals)
  actual!: WhatIfTotals;

  @Field(() => WhatIfTotals)
  scenario!: WhatIfTotals;

  @Field(() => Float, { description: 'scenario − actual, nominal g.' })
  differenceG!: number;

  @Field(() => Float, { description: 'scenario − actual at the low ends of the bands.' })
  differenceLowG!: number;

  @Field(() => Float, { description: 'scenario − actual at the high ends of the bands.' })
  differenceHighG!: number;
}

@ObjectType({ description: 'Activities the engine refused: left out of both totals.' })
export class WhatIfProblem {
  @Field({ description: '`as recorded` or `scenario`.' })
  stage!: string;

  @Field()
  field!: string;

  @Field()
  reason!: string;

  @Field(() => Int)
  activityCount!: number;
}

@ObjectType({
  description:
    "A project's stored activities recomputed by the methodology engine as recorded and under a scenario, with the tenant's served factor set (docs/insights.md §5).",
})
export class WhatIf {
  @Field()
  projectId!: string;

  @Field()
  factorSetVersion!: string;

  @Field(() => WhatIfTotals)
  actual!: WhatIfTotals;

  @Field(() => WhatIfTotals)
  scenario!: WhatIfTotals;

  @Field(() => Float, { description: 'scenario − actual, nominal g.' })
  differenceG!: number;

  @Field(() => Float)
  differenceLowG!: number;

  @Field(() => Float)
  differenceHighG!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'differenceG ÷ actual nominal (null when 0).',
  })
  differenceShare!: number | null;

  @Field(() => [WhatIfKindLine])
  byKind!: WhatIfKindLine[];

  @Field(() => [String], {
    description:
      'Which parts of the scenario applied to how many activities, what could not and why.',
  })
  notes!: string[];

  @Field(() => [WhatIfProblem])
  problems!: WhatIfProblem[];
}

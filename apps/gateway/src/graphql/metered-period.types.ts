import { Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum AllocationKeyValue {
  GPU_HOURS = 'gpu-hours',
  JOB_HOURS = 'job-hours',
}
registerEnumType(AllocationKeyValue, {
  name: 'AllocationKey',
  description: "What a period's metered energy is shared by: each output's GPU-hours or job-hours.",
});

export enum FacilityTypeValue {
  WORKSTATION = 'workstation',
  SERVER_ROOM = 'server-room',
  DATA_CENTRE = 'data-centre',
}
registerEnumType(FacilityTypeValue, {
  name: 'FacilityType',
  description: 'Where the metered hardware runs; decides the facility overhead (PUE).',
});

@InputType()
export class MeteredPeriodOutputInput {
  @Field(() => ID) projectId!: string;
  @Field(() => ID, { nullable: true }) artifactId?: string;
  @Field(() => Float, { description: "The output's GPU-hours or job-hours in the period." })
  quantity!: number;
}

@InputType({
  description:
    'A period\'s meter reading (e.g. a render farm\'s month), allocated across its outputs: Carbon Trust, "The carbon impact of AI video generation" (2026), Table 7 method 3.',
})
export class MeteredPeriodInput {
  @Field(() => ID, { description: 'Your id of the reading; the same id again corrects it.' })
  periodId!: string;
  @Field(() => String, { description: "What was metered, e.g. 'farm-ldn'." }) site!: string;
  @Field(() => String, { description: 'ISO 8601 instant' }) from!: string;
  @Field(() => String, { description: 'ISO 8601 instant, after from' }) to!: string;
  @Field(() => Float, { description: 'Metered IT energy of the period, kWh.' })
  energyKwh!: number;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2' }) country?: string;
  @Field(() => FacilityTypeValue, { nullable: true }) facilityType?: FacilityTypeValue;
  @Field(() => String, { nullable: true, description: 'Hardware model, for its embodied share' })
  hwModel?: string;
  @Field(() => Float, { nullable: true }) hwCount?: number;
  @Field(() => AllocationKeyValue) key!: AllocationKeyValue;
  @Field(() => [MeteredPeriodOutputInput]) outputs!: MeteredPeriodOutputInput[];
  @Field(() => Float, {
    nullable: true,
    description: "Capacity provisioned over the period in the key's unit (e.g. 8 GPUs × 720 h).",
  })
  idleCapacity?: number;
  @Field(() => Float, { nullable: true, description: 'Or: idle IT energy measured, kWh.' })
  idleEnergyItKwh?: number;
}

@ObjectType()
export class AllocatedLine {
  @Field(() => ID) projectId!: string;
  @Field(() => ID, { nullable: true }) artifactId?: string;
  @Field(() => String, { description: 'metered or idle-capacity' }) component!: string;
  @Field(() => String) category!: string;
  @Field(() => Float, { description: 'g CO2e, location-based, nominal' }) co2eG!: number;
}

@ObjectType({
  description:
    "The reading as recorded, and its allocation with the tenant's current factors (the projector computes the same).",
})
export class MeteredPeriodReceipt {
  @Field(() => ID) periodId!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => Float, { description: 'Fraction of the reading that was idle capacity.' })
  idleShare!: number;
  @Field(() => [AllocatedLine]) lines!: AllocatedLine[];
}

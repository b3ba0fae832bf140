import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum RetentionActionKind {
  DELETE = 'DELETE',
  MOVE = 'MOVE',
}
registerEnumType(RetentionActionKind, {
  name: 'RetentionActionKind',
  description: 'DELETE the holding, or MOVE it to another media tier (`toMedia`).',
});

export enum RetentionAgeBasis {
  STATUS_CHANGE = 'statusChange',
  LAST_ACTIVITY = 'lastActivity',
}
registerEnumType(RetentionAgeBasis, {
  name: 'RetentionAgeBasis',
  description: "What a policy's minimum age is measured from.",
});

@ObjectType({ description: 'Low / nominal / high, in the unit its field names.' })
export class UncertainAmount {
  @Field(() => Float)
  low!: number;

  @Field(() => Float)
  nominal!: number;

  @Field(() => Float)
  high!: number;
}

@ObjectType({
  description:
    "An artifact's current holding on one storage system, from its latest storage span (docs/retention.md).",
})
export class StorageHolding {
  @Field(() => ID)
  projectId!: string;

  @Field(() => ID)
  artifactId!: string;

  @Field(() => String, { description: '`greenops.storage.system`' })
  storageSystem!: string;

  @Field(() => String, { nullable: true, description: '`greenops.storage.uri`' })
  uri!: string | null;

  @Field(() => String, { description: 'ssd, hdd, tape or object.' })
  media!: string;

  @Field(() => Float)
  bytes!: number;

  @Field(() => Int, { nullable: true, description: 'Copies, when the span stated them.' })
  replication!: number | null;

  @Field(() => String, { nullable: true })
  country!: string | null;

  @Field(() => String, { description: 'End of the latest span that observed it (ISO 8601).' })
  lastObservedAt!: string;

  @Field(() => UncertainAmount, {
    description: 'g CO2e a day of holding it, from the storage model (location-based).',
  })
  co2eGPerDay!: UncertainAmount;
}

@ObjectType({ description: "A project's holdings on one storage system and media." })
export class HoldingTotal {
  @Field(() => String)
  storageSystem!: string;

  @Field(() => String)
  media!: string;

  @Field(() => Int, { description: 'Artifacts with a holding there.' })
  artifacts!: number;

  @Field(() => Float)
  bytes!: number;

  @Field(() => UncertainAmount, { description: 'g CO2e a day.' })
  co2eGPerDay!: UncertainAmount;
}

@ObjectType({ description: 'Which holdings a policy selects: every given criterion must hold.' })
export class RetentionSelector {
  @Field(() => [ID], { nullable: true })
  projectIds?: string[];

  @Field(() => [String], { nullable: true })
  artifactKinds?: string[];

  @Field(() => [String], { nullable: true })
  statuses?: string[];

  @Field(() => Float, { nullable: true })
  minAgeDays?: number;

  @Field(() => RetentionAgeBasis, { nullable: true })
  ageBasis?: RetentionAgeBasis;

  @Field(() => [String], { nullable: true })
  storageSystems?: string[];

  @Field(() => [String], { nullable: true })
  media?: string[];

  @Field(() => Float, { nullable: true })
  minBytes?: number;
}

@InputType()
export class RetentionSelectorInput {
  @Field(() => [ID], { nullable: true, description: 'At most 100.' })
  projectIds?: string[] | null;

  @Field(() => [String], { nullable: true })
  artifactKinds?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Naming final or delivered lifts the protection of that status.',
  })
  statuses?: string[] | null;

  @Field(() => Float, { nullable: true })
  minAgeDays?: number | null;

  @Field(() => RetentionAgeBasis, { nullable: true, description: 'Default LAST_ACTIVITY.' })
  ageBasis?: RetentionAgeBasis | null;

  @Field(() => [String], { nullable: true })
  storageSystems?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'ssd, hdd, tape, object.' })
  media?: string[] | null;

  @Field(() => Float, { nullable: true })
  minBytes?: number | null;
}

@InputType()
export class DefineRetentionPolicyInput {
  @Field(() => String)
  name!: string;

  @Field(() => RetentionSelectorInput)
  selector!: RetentionSelectorInput;

  @Field(() => RetentionActionKind)
  action!: RetentionActionKind;

  @Field(() => String, { nullable: true, description: 'The target tier of a MOVE.' })
  toMedia?: string | null;

  @Field(() => Int, { description: 'Days between a request and the deletion (0–3650).' })
  graceDays!: number;

  @Field(() => String, { nullable: true, description: 'Why: kept in the audit record.' })
  reason?: string | null;
}

@ObjectType()
export class RetentionPolicy {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => RetentionSelector)
  selector!: RetentionSelector;

  @Field(() => RetentionActionKind)
  action!: RetentionActionKind;

  @Field(() => String, { nullable: true })
  toMedia!: string | null;

  @Field(() => Int)
  graceDays!: number;

  @Field(() => String)
  definedAt!: string;

  @Field(() => String, { description: 'Id of the API key that defined it.' })
  definedBy!: string;

  @Field(() => String, { nullable: true })
  retiredAt!: string | null;

  @Field(() => String, { nullable: true })
  retiredBy!: string | null;
}

@ObjectType({
  description:
    'A retention action accepted onto the event log; it shows in queries once projected.',
})
export class RetentionActionAccepted {
  @Field(() => ID, { description: 'The event on the log (and of the audit record).' })
  eventId!: string;

  @Field(() => ID, { nullable: true, description: 'The new policy, for defineRetentionPolicy.' })
  policyId!: string | null;
}

@ObjectType()
export class LegalHold {
  @Field(() => ID)
  projectId!: string;

  @Field(() => ID)
  artifactId!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => String)
  setAt!: string;

  @Field(() => String)
  setBy!: string;
}

@ObjectType()
export class RetentionCandidate {
  @Field(() => ID)
  projectId!: string;

  @Field(() => ID)
  artifactId!: string;

  @Field(() => [StorageHolding])
  holdings!: StorageHolding[];

  @Field(() => Float)
  bytes!: number;

  @Field(() => UncertainAmount, { description: 'g CO2e a day of its selected holdings.' })
  co2eGPerDay!: UncertainAmount;

  @Field(() => UncertainAmount, { description: 'kg CO2e a year the action would avoid.' })
  avoidedKgCo2ePerYear!: UncertainAmount;
}

@ObjectType({ description: 'A dry run of a policy: nothing is requested or changed.' })
export class RetentionPreview {
  @Field(() => ID)
  policyId!: string;

  @Field(() => Int, { description: 'Every candidate, also those beyond `candidates(first)`.' })
  candidateCount!: number;

  @Field(() => [RetentionCandidate], { description: 'The first candidates, by project and id.' })
  candidates!: RetentionCandidate[];

  @Field(() => Float)
  bytes!: number;

  @Field(() => UncertainAmount, { description: 'g CO2e a day of every candidate holding.' })
  co2eGPerDay!: UncertainAmount;

  @Field(() => UncertainAmount, {
    description:
      'kg CO2e a year avoided if applied: (g/day now − g/day after) × 365 / 1000. Reported beside emissions, never subtracted.',
  })
  avoidedKgCo2ePerYear!: UncertainAmount;

  @Field(() => Int, { description: 'Selected, but final/delivered or feeding one.' })
  excludedProtectedByStatus!: number;

  @Field(() => Int, { description: 'Selected, but under a legal hold or feeding a held artifact.' })
  excludedLegalHold!: number;
}

@ObjectType({ description: 'One retention action, append-only.' })
export class RetentionAuditRecord {
  @Field(() => ID, { description: 'Position in the trail; the `after` cursor.' })
  cursor!: string;

  @Field(() => ID)
  eventId!: string;

  @Field(() => String, {
    description:
      'POLICY_DEFINED, POLICY_RETIRED, LEGAL_HOLD_SET, LEGAL_HOLD_RELEASED, ENFORCEMENT, DELETION_REQUESTED, DELETION_CONFIRMED, DELETION_FAILED, DELETION_RESENT',
  })
  action!: string;

  @Field(() => ID, { nullable: true })
  projectId!: string | null;

  @Field(() => String, { nullable: true, description: 'The policy id or artifact id.' })
  subject!: string | null;

  @Field(() => String, { description: 'Id of the acting API key.' })
  keyId!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String)
  occurredAt!: string;

  @Field(() => String)
  recordedAt!: string;
}

@ObjectType()
export class RetentionAuditPage {
  @Field(() => [RetentionAuditRecord])
  records!: RetentionAuditRecord[];

  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => ID, { nullable: true })
  endCursor!: string | null;
}

import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RetentionActionKind, UncertainAmount } from './retention.types';

export enum DeletionRequestStatus {
  PENDING = 'PENDING',
  OVERDUE = 'OVERDUE',
  CONFIRMED = 'CONFIRMED',
  FAILED = 'FAILED',
}
registerEnumType(DeletionRequestStatus, {
  name: 'DeletionRequestStatus',
  description:
    'PENDING: sent, unanswered, before its deadline; OVERDUE: unanswered past it (re-sent); CONFIRMED / FAILED: answered.',
});

@ObjectType({
  description:
    'A command to a media holder to delete one artifact on one storage system, or to move it there to another media tier (docs/retention.md).',
})
export class DeletionRequest {
  @Field(() => ID, { description: 'Stable: the same across re-sends and enforcements.' })
  requestId!: string;

  @Field(() => ID)
  projectId!: string;

  @Field(() => ID)
  artifactId!: string;

  @Field(() => String)
  storageSystem!: string;

  @Field(() => String, { nullable: true })
  uri!: string | null;

  @Field(() => Float)
  bytes!: number;

  @Field(() => UncertainAmount, {
    description:
      'g CO2e/day the request avoids once confirmed: a deletion the rate the holding had when requested, a move the difference with the target tier.',
  })
  co2eGPerDay!: UncertainAmount;

  @Field(() => RetentionActionKind, { description: 'DELETE, or MOVE to `toMedia`.' })
  action!: RetentionActionKind;

  @Field(() => String, { nullable: true, description: 'A MOVE: the tier the holding is on.' })
  fromMedia!: string | null;

  @Field(() => String, { nullable: true, description: 'A MOVE: the tier it goes to.' })
  toMedia!: string | null;

  @Field(() => Float, { nullable: true, description: "A MOVE's confirmed bytes." })
  movedBytes!: number | null;

  @Field(() => ID, { nullable: true, description: 'The enforced policy.' })
  policyId!: string | null;

  @Field(() => String, { nullable: true, description: "A policy engine's own reference." })
  policyRef!: string | null;

  @Field(() => String)
  requestedAt!: string;

  @Field(() => String, { description: 'Id of the API key that enforced or requested.' })
  requestedBy!: string;

  @Field(() => String)
  deadline!: string;

  @Field(() => DeletionRequestStatus)
  status!: DeletionRequestStatus;

  @Field(() => Int, { description: 'Sends so far (the first, then each re-send).' })
  sendCount!: number;

  @Field(() => String, { nullable: true })
  lastSentAt!: string | null;

  @Field(() => String, { nullable: true })
  answeredAt!: string | null;

  @Field(() => String, { nullable: true })
  answeredBy!: string | null;

  @Field(() => String, { nullable: true })
  answerReason!: string | null;

  @Field(() => Float, { nullable: true })
  deletedBytes!: number | null;
}

@ObjectType({
  description:
    'An enforcement or deletion decision accepted onto the event log; its requests show in deletionRequests once projected.',
})
export class RetentionEnforcement {
  @Field(() => ID, { description: 'The decision event (one per idempotency key).' })
  eventId!: string;

  @Field(() => Boolean, {
    description: 'True when this idempotency key was used before: nothing new was emitted.',
  })
  replayed!: boolean;

  @Field(() => [ID], {
    description: 'The requests this decision makes (when replayed: the ones it made).',
  })
  requestIds!: string[];

  @Field(() => Int, { description: 'Selected holdings already requested and not failed.' })
  alreadyRequested!: number;

  @Field(() => Int, { description: 'Selected artifacts a legal hold excluded.' })
  excludedLegalHold!: number;

  @Field(() => Int, { description: 'Selected artifacts their final/delivered status excluded.' })
  excludedProtectedByStatus!: number;

  @Field(() => [ID], { description: 'Named artifacts that hold nothing (requestDeletion).' })
  notHeld!: string[];

  @Field(() => Int, {
    description: 'Holdings left for a further call (a decision carries at most 1000 requests).',
  })
  remaining!: number;
}

@InputType({ description: "A policy engine's own deletion decision (e.g. an OPA decision)." })
export class RequestDeletionInput {
  @Field(() => ID)
  projectId!: string;

  @Field(() => [ID], { description: '1–1000 artifacts; each holding of each is requested.' })
  artifactIds!: string[];

  @Field(() => String)
  reason!: string;

  @Field(() => String, { description: "The engine's policy or decision reference." })
  policyRef!: string;

  @Field(() => String, { description: 'A retry with the same key emits nothing new.' })
  idempotencyKey!: string;

  @Field(() => Int, { nullable: true, description: 'Days the holder waits (0–3650; default 7).' })
  graceDays?: number | null;
}

@ObjectType({
  description: 'A storage span observed on a system after the deletion there was confirmed.',
})
export class RetentionBreach {
  @Field(() => ID)
  projectId!: string;

  @Field(() => ID)
  artifactId!: string;

  @Field(() => String)
  storageSystem!: string;

  @Field(() => ID, { description: 'The confirmed request the span contradicts.' })
  requestId!: string;

  @Field(() => String, { description: 'End of the span that observed the bytes.' })
  observedAt!: string;

  @Field(() => Float)
  bytes!: number;

  @Field(() => ID, { description: 'The storage span (ActivityRecorded event).' })
  eventId!: string;
}

@ObjectType({
  description:
    'Emissions avoided by confirmed deletions and moves: reported beside emissions, never subtracted from them (GHG Protocol).',
})
export class AvoidedEmissions {
  @Field(() => Int)
  confirmedDeletions!: number;

  @Field(() => Float)
  bytesDeleted!: number;

  @Field(() => Int, { description: 'Confirmed moves to another media tier.' })
  confirmedMoves!: number;

  @Field(() => Float)
  bytesMoved!: number;

  @Field(() => UncertainAmount, {
    description:
      'kg CO2e a year avoided from now on: Σ (a deletion the whole rate, a move rate now − rate on the target tier) × 365 / 1000.',
  })
  kgCo2ePerYear!: UncertainAmount;

  @Field(() => UncertainAmount, { description: 'kg CO2e avoided since each confirmation.' })
  kgCo2eToDate!: UncertainAmount;
}

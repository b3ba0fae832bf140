import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import {
  encodeLogRecord,
  parseLogRecord,
  retentionEventId,
  TOPICS,
  type LogEvent,
  type RetentionDeletionRequested,
  type RetentionMoveRequested,
} from '@greenops/contracts';
import { ensureTopic } from '@greenops/messaging';

export type HolderAnswer = 'confirm' | 'fail' | 'ignore';

export interface ReceivedCommand {
  type: 'RetentionDeletionRequested' | 'RetentionMoveRequested';
  requestId: string;
  artifactId: string;
  storageSystem: string;
  sendNumber: number;
  /** A move's target tier. */
  toMedia?: string;
}

/** What the holder answered to one request id. */
export interface HolderAnswered {
  type: string;
  requestId: string;
}

/**
 * A media holder on Kafka, as docs/retention.md ("A media holder on Kafka") describes one: a
 * consumer group of its own on the commands topic, acting on each request id once, answering
 * deletions and moves on the confirmations topic. Serves one tenant (the broker is shared by
 * other tests). Run as its own OS process by media-holder-process.ts.
 */
export class MediaHolder {
  readonly received: ReceivedCommand[] = [];
  private readonly answered = new Set<string>();
  private readonly kafka: Kafka;
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;

  constructor(
    brokers: string[],
    private readonly tenant: string,
    private readonly groupId: string,
    private readonly answerFor: (command: ReceivedCommand) => HolderAnswer,
    private readonly onReceived: (command: ReceivedCommand) => void = () => undefined,
    private readonly onAnswered: (answer: HolderAnswered) => void = () => undefined,
  ) {
    this.kafka = new Kafka({ clientId: 'media-holder', brokers, logLevel: logLevel.NOTHING });
  }

  async start(): Promise<void> {
    await ensureTopic(this.kafka, TOPICS.retentionCommands);
    await ensureTopic(this.kafka, TOPICS.retentionConfirmations);
    this.producer = this.kafka.producer();
    await this.producer.connect();
    this.consumer = this.kafka.consumer({ groupId: this.groupId });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: TOPICS.retentionCommands, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const value = message.value ? JSON.parse(message.value.toString('utf8')) : null;
        const parsed = parseLogRecord(TOPICS.retentionCommands, value);
        if (!parsed.ok || parsed.event.tenant !== this.tenant) return;
        const event = parsed.event;
        if (event.type === 'RetentionDeletionRequested' || event.type === 'RetentionMoveRequested')
          await this.handle(event);
      },
    });
  }

  private async handle(command: RetentionDeletionRequested | RetentionMoveRequested) {
    const p = command.payload;
    const received: ReceivedCommand = {
      type: command.type,
      requestId: p.requestId,
      artifactId: p.artifactId,
      storageSystem: p.storageSystem,
      sendNumber: p.sendNumber,
      ...(command.type === 'RetentionMoveRequested' ? { toMedia: command.payload.toMedia } : {}),
    };
    this.received.push(received);
    this.onReceived(received);
    // At least once: a request id already answered is answered already.
    if (this.answered.has(p.requestId)) return;
    const answer = this.answerFor(received);
    if (answer === 'ignore') return;
    const now = new Date().toISOString();
    const envelope = {
      id: retentionEventId(command.tenant, randomUUID()),
      version: 1 as const,
      tenant: command.tenant,
      projectId: command.projectId,
      occurredAt: now,
      recordedAt: now,
    };
    const actor = { keyId: `holder:${p.storageSystem}` };
    const move = command.type === 'RetentionMoveRequested';
    let event: LogEvent;
    if (answer === 'confirm')
      event = move
        ? {
            ...envelope,
            type: 'RetentionMoveConfirmed',
            payload: {
              requestId: p.requestId,
              movedBytes: p.bytes,
              actor: { ...actor, reason: `moved to ${command.payload.toMedia}` },
            },
          }
        : {
            ...envelope,
            type: 'RetentionDeletionConfirmed',
            payload: {
              requestId: p.requestId,
              deletedBytes: p.bytes,
              actor: { ...actor, reason: 'purged' },
            },
          };
    else
      event = {
        ...envelope,
        type: move ? 'RetentionMoveFailed' : 'RetentionDeletionFailed',
        payload: {
          requestId: p.requestId,
          actor: { ...actor, reason: 'object lock until 2027-01-01' },
        },
      };
    const encoded = encodeLogRecord(event);
    if (!encoded.ok) throw new Error(`${encoded.field}: ${encoded.reason}`);
    await this.producer!.send({
      topic: encoded.record.topic,
      messages: [{ key: encoded.record.key, value: JSON.stringify(encoded.record.value) }],
    });
    this.answered.add(p.requestId);
    this.onAnswered({ type: event.type, requestId: p.requestId });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }
}

import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import {
  encodeLogRecord,
  parseLogRecord,
  retentionEventId,
  TOPICS,
  type RetentionDeletionConfirmed,
  type RetentionDeletionFailed,
  type RetentionDeletionRequested,
} from '@greenops/contracts';
import { ensureTopic } from '@greenops/messaging';

export type HolderAnswer = 'confirm' | 'fail' | 'ignore';

export interface ReceivedCommand {
  requestId: string;
  artifactId: string;
  storageSystem: string;
  sendNumber: number;
}

/**
 * A media holder on Kafka, as docs/retention.md ("A media holder on Kafka") describes one: a
 * consumer group of its own on the commands topic, acting on each request id once, answering
 * on the confirmations topic. Serves one tenant (the broker is shared by other tests).
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
        if (!parsed.ok || parsed.event.type !== 'RetentionDeletionRequested') return;
        if (parsed.event.tenant !== this.tenant) return;
        await this.handle(parsed.event);
      },
    });
  }

  private async handle(command: RetentionDeletionRequested): Promise<void> {
    const p = command.payload;
    const received = {
      requestId: p.requestId,
      artifactId: p.artifactId,
      storageSystem: p.storageSystem,
      sendNumber: p.sendNumber,
    };
    this.received.push(received);
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
    const event: RetentionDeletionConfirmed | RetentionDeletionFailed =
      answer === 'confirm'
        ? {
            ...envelope,
            type: 'RetentionDeletionConfirmed',
            payload: {
              requestId: p.requestId,
              deletedBytes: p.bytes,
              actor: { ...actor, reason: 'purged' },
            },
          }
        : {
            ...envelope,
            type: 'RetentionDeletionFailed',
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
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }
}

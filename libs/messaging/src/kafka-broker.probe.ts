import type { Admin, Kafka } from 'kafkajs';
import { createKafkaClient, type KafkaConnectionSettings } from './kafka-client';

/**
 * Whether the brokers answer right now: a metadata request on a kept admin connection, with no
 * retries and short time-outs, so a broker outage shows within seconds. The ingest's readiness.
 */
export class KafkaBrokerProbe {
  readonly name = 'kafka';
  private readonly kafka: Kafka;
  private admin: Admin | undefined;

  constructor(brokers: string[], connection?: KafkaConnectionSettings) {
    this.kafka = createKafkaClient(brokers, 'greenops-probe', connection, {
      connectionTimeout: 1000,
      requestTimeout: 1500,
      retry: { retries: 0 },
    });
  }

  async check(): Promise<{ ok: boolean; detail?: string }> {
    try {
      if (!this.admin) {
        const admin = this.kafka.admin({ retry: { retries: 0 } });
        await admin.connect();
        this.admin = admin;
      }
      const cluster = await this.admin.describeCluster();
      return { ok: true, detail: `${cluster.brokers.length} broker(s) answer` };
    } catch (error) {
      const admin = this.admin;
      this.admin = undefined;
      await admin?.disconnect().catch(() => undefined);
      return { ok: false, detail: `Kafka does not answer: ${(error as Error).message}` };
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}

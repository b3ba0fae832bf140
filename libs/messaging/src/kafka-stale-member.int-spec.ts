import { Kafka, logLevel, PartitionAssigners, type Cluster, type Consumer } from 'kafkajs';
import { kafkaBrokers, uniqueTopic, waitFor } from '@greenops/testing';
import { removeStaleMember } from './kafka-stale-member';

/**
 * removeStaleMember against a real broker: the coordinator drops a member id at once, without
 * waiting for its session timeout (30 s here, far longer than the test waits).
 */
describe('removeStaleMember (real broker)', () => {
  const kafka = new Kafka({
    clientId: 'stale-int',
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });
  const consumers: Consumer[] = [];

  afterAll(async () => {
    for (const c of consumers) await c.disconnect().catch(() => undefined);
  });

  it('removes a member the coordinator knows, and reports one it does not as already gone', async () => {
    const topic = uniqueTopic('stale-member-int');
    const groupId = `${topic}-group`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });

    const member = kafka.consumer({ groupId, sessionTimeout: 30000, heartbeatInterval: 3000 });
    consumers.push(member);
    let memberId = '';
    member.on(member.events.GROUP_JOIN, (e) => {
      memberId = e.payload.memberId;
    });
    await member.connect();
    await member.subscribe({ topic, fromBeginning: true });
    await member.run({ eachMessage: async () => undefined });
    await waitFor(async () => memberId !== '', { timeoutMs: 30000, description: 'member joined' });
    const stale = memberId;
    const listed = async () =>
      (await admin.describeGroups([groupId])).groups[0].members.map((m) => m.memberId);
    expect(await listed()).toEqual([stale]);

    // Another client of the group reaches the coordinator the way the adapter does: through the
    // cluster kafkajs hands its partition assigners.
    let cluster: Cluster | undefined;
    const other = kafka.consumer({
      groupId,
      partitionAssigners: [
        (config) => {
          cluster = config.cluster;
          return PartitionAssigners.roundRobin(config);
        },
      ],
    });
    consumers.push(other);
    await other.connect();
    expect(await removeStaleMember(cluster!, groupId, stale)).toBe('removed');
    // Gone at once (not after its 30 s session): the member re-joins under a new id later.
    expect(await listed()).not.toContain(stale);
    expect(await removeStaleMember(cluster!, groupId, stale)).toBe('already-gone');
    await admin.disconnect();
  });
});

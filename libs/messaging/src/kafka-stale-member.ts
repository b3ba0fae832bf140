import type { Cluster } from 'kafkajs';

/** kafkajs' Broker sends LeaveGroup (its own consumers use it) but its typings omit it. */
interface LeaveGroupCapable {
  leaveGroup(request: { groupId: string; memberId: string }): Promise<unknown>;
}

function canLeaveGroup(broker: unknown): broker is LeaveGroupCapable {
  return typeof (broker as Partial<LeaveGroupCapable>).leaveGroup === 'function';
}

export type StaleMemberOutcome = 'removed' | 'already-gone';

/**
 * Asks the group coordinator to remove a member this process used before its consumer was
 * re-created (a LeaveGroup on the old member's behalf).
 *
 * Why: a restarted broker reloads the group with the members it last knew. A re-created consumer
 * joins under a new member id, and the coordinator holds the rebalance open until every known
 * member has re-joined or its session timeout has expired, so without this the group waits a full
 * session timeout for a member that will never come back (docs/operations.md, "Riding out a broker outage"). A member the coordinator no longer knows is fine: nothing to remove.
 */
export async function removeStaleMember(
  cluster: Cluster,
  groupId: string,
  memberId: string,
): Promise<StaleMemberOutcome> {
  const coordinator: unknown = await cluster.findGroupCoordinator({ groupId });
  if (!canLeaveGroup(coordinator)) {
    throw new Error('this kafkajs version cannot send LeaveGroup (Broker.leaveGroup is missing)');
  }
  try {
    await coordinator.leaveGroup({ groupId, memberId });
    return 'removed';
  } catch (error) {
    const type = (error as { type?: unknown }).type;
    if (type === 'UNKNOWN_MEMBER_ID') return 'already-gone';
    throw error;
  }
}

import { topicRetentionMs } from './telemetry-retention.sweep';

describe('topicRetentionMs', () => {
  it('keeps one day more than the window', () => {
    // 30-day window → 31 days × 86,400,000 ms = 2,678,400,000 ms
    expect(topicRetentionMs(30)).toBe(2_678_400_000);
    // 1-day window → 2 × 86,400,000 = 172,800,000 ms
    expect(topicRetentionMs(1)).toBe(172_800_000);
  });
});

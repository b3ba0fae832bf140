import { uniqueDatabaseName, uniqueTopic } from './unique-name';

describe('unique names', () => {
  it('topic names keep the prefix, use legal Kafka characters only and differ per call', () => {
    const a = uniqueTopic('greenops.activities v1/test');
    const b = uniqueTopic('greenops.activities v1/test');
    expect(a.startsWith('greenops.activities-v1-test-')).toBe(true);
    expect(a).toMatch(/^[a-zA-Z0-9._-]+$/);
    expect(a).not.toBe(b);
  });

  it('database names are lower-case [a-z0-9_] within the 63-byte identifier limit', () => {
    const name = uniqueDatabaseName(`Projector-Test ${'x'.repeat(100)}`);
    expect(name).toMatch(/^projector_test_x+_[a-z0-9]+$/);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(uniqueDatabaseName('')).toMatch(/^test_/);
  });
});

import { createHash } from 'node:crypto';
import { activityEventId, factorSetEventId, rebuildFenceEventId } from './event-id';

/**
 * Event ids are already in logs and stores: they must never change. Each is the first 16 bytes
 * of sha-256 over its NUL-joined parts, laid out as a UUID with the version nibble 5 and the
 * RFC 4122 variant bits (RFC 4122 §4.1.1, §4.1.3).
 */
function expectedId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const uuid = `${hex.slice(0, 12)}5${hex.slice(13, 16)}${variant}${hex.slice(17)}`;
  return `${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20)}`;
}

describe('event ids', () => {
  it('are UUIDs over sha-256 of their parts, ids lower-cased first', () => {
    const trace = '4BF92F3577B34DA6A3CE929D0E0E4736';
    expect(activityEventId('acme', trace, '00F067AA0BA902B7')).toBe(
      expectedId('greenops.activity', 'acme', trace.toLowerCase(), '00f067aa0ba902b7'),
    );
    expect(factorSetEventId('acme', '2026.12.0+3f9a0c51d2e7')).toBe(
      expectedId('greenops.factor-set', 'acme', '2026.12.0+3f9a0c51d2e7'),
    );
    expect(rebuildFenceEventId('acme', 2, 3)).toBe(
      expectedId('greenops.rebuild-fence', 'acme', '2', '3'),
    );
  });

  it('tell tenants apart', () => {
    const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(activityEventId('acme', trace, '00f067aa0ba902b7')).not.toBe(
      activityEventId('globex', trace, '00f067aa0ba902b7'),
    );
  });
});

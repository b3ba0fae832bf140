import { factorSetEventId, parseLogRecord, TOPICS } from '@greenops/contracts';
import type { FactorOverride } from '@greenops/domain';
import { factorSetPublication, publicationError } from './factor-set-publication';
import { GatewayError } from '../errors/gateway-error';

const NOW = new Date('2026-11-03T14:20:00.000Z');
const GB: FactorOverride = {
  id: 'grid.location.GB',
  value: 120,
  unit: 'gCO2e/kWh',
  source: 'Studio North metered supply 2026',
  year: 2026,
};
const MARKET: FactorOverride = { ...GB, id: 'grid.market.GB', value: 35 };

describe('factorSetPublication', () => {
  it('publishes a checked event under the tenant key, its version addressed by content', () => {
    const first = factorSetPublication('acme', '2026.12.0', 'PPA', [GB, MARKET], NOW);
    const reordered = factorSetPublication('acme', '2026.12.0', 'PPA', [MARKET, GB], NOW);
    if (!first.ok || !reordered.ok) throw new Error('a valid set was refused');
    expect(reordered.event.payload.version).toBe(first.event.payload.version);
    expect(first.event.payload.version).toMatch(/^2026\.12\.0\+[0-9a-f]{12}$/);
    expect(first.event.id).toBe(factorSetEventId('acme', first.event.payload.version));
    expect(first.record.topic).toBe(TOPICS.activities);
    expect(first.record.key).toBe('acme/_tenant');
    // what a consumer reads back is the event itself
    expect(parseLogRecord(first.record.topic, first.record.value)).toEqual({
      ok: true,
      event: first.event,
    });
  });

  it('refuses a set that breaks the contract, naming the input field', () => {
    const published = factorSetPublication(
      'acme',
      '2026.12.0',
      'PPA',
      [GB, { ...GB, year: 2200 }],
      NOW,
    );
    expect(published).toEqual({
      ok: false,
      field: 'payload.factors.1.year',
      reason: 'Number must be less than or equal to 2100',
    });
    const error = publicationError({ field: 'payload.factors.1.year', reason: 'too late' });
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe('input.factors[1].year: too late');
    expect(publicationError({ field: 'payload.name', reason: 'empty' }).message).toBe(
      'input.name: empty',
    );
    // a field the caller did not give is our fault, not theirs
    const ours = publicationError({ field: 'occurredAt', reason: 'Invalid datetime' });
    expect(ours).not.toBeInstanceOf(GatewayError);
    expect(ours.message).toBe(
      'FactorSetPublished.occurredAt breaks its contract: Invalid datetime',
    );
  });
});

import { ConfigurationError } from '@greenops/config';
import { loadEmbeddedConfig } from './embedded.config';

describe('embedded configuration: GREENOPS_EMBEDDED_ENGINE', () => {
  it('defaults to the TimescaleDB build', () => {
    expect(loadEmbeddedConfig({}).GREENOPS_EMBEDDED_ENGINE).toBe('timescale');
  });

  it('selects the official PGlite build with one setting', () => {
    expect(
      loadEmbeddedConfig({ GREENOPS_EMBEDDED_ENGINE: 'pglite' }).GREENOPS_EMBEDDED_ENGINE,
    ).toBe('pglite');
  });

  it('refuses any other engine, naming the variable and the choices', () => {
    expect(() => loadEmbeddedConfig({ GREENOPS_EMBEDDED_ENGINE: 'sqlite' })).toThrow(
      ConfigurationError,
    );
    expect(() => loadEmbeddedConfig({ GREENOPS_EMBEDDED_ENGINE: 'sqlite' })).toThrow(
      'GREENOPS_EMBEDDED_ENGINE: must be one of "timescale", "pglite"',
    );
  });
});

import { CliUsageError, parseCliArguments } from './cli-arguments';
import { helpText, usageLine } from './cli-help';

function usageError(argv: string[]): CliUsageError {
  try {
    parseCliArguments(argv);
  } catch (error) {
    if (error instanceof CliUsageError) return error;
    throw error;
  }
  throw new Error(`expected a usage error for: ${argv.join(' ')}`);
}

const KEY = 'k'.repeat(16);

describe('parseCliArguments', () => {
  describe('keys create', () => {
    it('takes comma-separated and repeated roles, once each, in canonical order', () => {
      expect(
        parseCliArguments([
          'keys',
          'create',
          '--tenant',
          'studio-b',
          '--role',
          'admin,ingest',
          '--role=read',
          '--role',
          'ingest',
        ]),
      ).toEqual({
        command: 'keys create',
        tenant: 'studio-b',
        roles: ['ingest', 'read', 'admin'],
        key: { from: 'generated' },
      });
    });

    it('registers a given key, from the command line or from a named variable', () => {
      expect(
        parseCliArguments(['keys', 'create', '--tenant=t1', '--role', 'read', '--key', KEY]),
      ).toMatchObject({ key: { from: 'argument', key: KEY } });
      expect(
        parseCliArguments([
          'keys',
          'create',
          '--tenant',
          't1',
          '--role',
          'read',
          '--key-env',
          'GREENOPS_API_KEY',
        ]),
      ).toMatchObject({ key: { from: 'environment', variable: 'GREENOPS_API_KEY' } });
    });

    it.each([
      [['keys', 'create', '--role', 'read'], '--tenant is required'],
      [
        ['keys', 'create', '--tenant', 'a'],
        '--role is required (one or more of ingest, read, admin, policy-engine)',
      ],
      [['keys', 'create', '--tenant', 'a', '--role', 'write'], 'unknown role "write"'],
      [
        ['keys', 'create', '--tenant', 'a', '--role', 'read,,admin'],
        'empty entry in "read,,admin"',
      ],
      [['keys', 'create', '--tenant', 'Studio_B', '--role', 'read'], 'lowercase slug'],
      [['keys', 'create', '--tenant', 'a', '--tenant', 'b', '--role', 'read'], 'more than once'],
      [['keys', 'create', '--tenant', '--role', 'read'], '--tenant needs a value'],
      [['keys', 'create', '--tenant', 'a', '--role'], '--role needs a value'],
      [['keys', 'create', '--tenant', 'a', '--role', 'read', '--key', 'short'], '16 to 512'],
      [
        ['keys', 'create', '--tenant', 'a', '--role', 'read', '--key', `${KEY} with spaces`],
        'may only contain',
      ],
      [
        ['keys', 'create', '--tenant', 'a', '--role', 'read', '--key', KEY, '--key-env', 'K'],
        'either --key or --key-env',
      ],
      [['keys', 'create', '--tenant', 'a', '--role', 'read', '--key-env', '1-bad'], '--key-env'],
      [['keys', 'create', '--tenant', 'a', '--role', 'read', '--json'], 'unknown option "--json"'],
      [['keys', 'create', '--tenant', 'a', '--role', 'read', 'extra'], 'unexpected argument'],
      [['keys', 'create', '-t', 'a'], 'unknown option "-t"'],
    ])('%j is a usage error: %s', (argv, message) => {
      const error = usageError(argv);
      expect(error.message).toContain(message);
      expect(error.topic).toBe('keys create');
    });
  });

  describe('keys list', () => {
    it('lists every tenant, or one, as a table or as JSON', () => {
      expect(parseCliArguments(['keys', 'list'])).toEqual({
        command: 'keys list',
        tenant: undefined,
        json: false,
      });
      expect(parseCliArguments(['keys', 'list', '--tenant', 'acme', '--json'])).toEqual({
        command: 'keys list',
        tenant: 'acme',
        json: true,
      });
    });

    it('refuses values on flags and unknown options', () => {
      expect(usageError(['keys', 'list', '--json=yes']).message).toContain('takes no value');
      expect(usageError(['keys', 'list', '--role', 'read']).message).toContain(
        'unknown option "--role"',
      );
    });
  });

  describe('keys revoke', () => {
    const id = '3F2504E0-4F89-41D3-9A0C-0305E82C3301';

    it('takes one UUID, lower-cased, and an optional tenant', () => {
      expect(parseCliArguments(['keys', 'revoke', id, '--tenant', 'acme'])).toEqual({
        command: 'keys revoke',
        id: id.toLowerCase(),
        tenant: 'acme',
      });
      expect(parseCliArguments(['keys', 'revoke', '--', id])).toMatchObject({
        id: id.toLowerCase(),
      });
    });

    it.each([
      [['keys', 'revoke'], 'id of the key to revoke is required'],
      [['keys', 'revoke', 'gok_abc'], 'is not a key id'],
      [['keys', 'revoke', id, id], 'one id at a time'],
    ])('%j is a usage error: %s', (argv, message) => {
      expect(usageError(argv).message).toContain(message);
    });
  });

  describe('help and commands', () => {
    it.each([
      [['--help'], 'greenops'],
      [['-h'], 'greenops'],
      [['help'], 'greenops'],
      [['keys', '--help'], 'keys'],
      [['keys', 'create', '--help'], 'keys create'],
      // --help wins over everything else on the line, even invalid options
      [['keys', 'create', '--tenant', 'BAD', '-h'], 'keys create'],
      [['keys', 'list', '-h'], 'keys list'],
      [['keys', 'revoke', '--help'], 'keys revoke'],
    ])('%j shows help for %s', (argv, topic) => {
      expect(parseCliArguments(argv)).toEqual({ command: 'help', topic });
    });

    it('names unknown or missing commands', () => {
      expect(usageError([]).message).toBe('a command is required');
      expect(usageError(['tenants']).message).toContain('unknown command "tenants"');
      expect(usageError(['keys']).topic).toBe('keys');
      expect(usageError(['keys', 'rotate']).message).toContain(
        'unknown command "keys rotate" (commands: create, list, revoke)',
      );
    });

    it('every topic has a usage line and documents the exit codes', () => {
      for (const topic of [
        'greenops',
        'keys',
        'keys create',
        'keys list',
        'keys revoke',
      ] as const) {
        expect(usageLine(topic)).toMatch(/^Usage: greenops/);
        expect(helpText(topic)).toContain('64 wrong command line, 78 wrong environment');
      }
    });
  });
});

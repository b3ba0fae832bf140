import { generateApiKey, MAX_LISTED_KEYS, type ApiKeyStore } from '@greenops/persistence';
import type { CliCommand } from './cli-arguments';
import { EXIT_CODES, type ExitCode } from './cli-exit-codes';
import { keyJson, keyTable } from './key-table';

export interface CliOutput {
  /** Data: the generated key, the table. */
  out(line: string): void;
  /** Everything said to the operator. */
  err(line: string): void;
}

type KeysCommand = Exclude<CliCommand, { command: 'help' }>;
type CreateCommand = Extract<CliCommand, { command: 'keys create' }>;

/** Runs one keys command against an open store. `key` is the resolved key of `keys create`. */
export async function runKeysCommand(
  command: KeysCommand,
  keys: Pick<ApiKeyStore, 'ensureTenant' | 'addKey' | 'listKeys' | 'revokeKey'>,
  io: CliOutput,
  providedKey?: string,
): Promise<ExitCode> {
  switch (command.command) {
    case 'keys create':
      return createKey(command, keys, io, providedKey);
    case 'keys list': {
      const listed = await keys.listKeys({ tenant: command.tenant, limit: MAX_LISTED_KEYS });
      if (command.json) io.out(keyJson(listed));
      else if (listed.length > 0) keyTable(listed).forEach((line) => io.out(line));
      if (listed.length === 0) {
        io.err(`no keys${command.tenant ? ` for tenant "${command.tenant}"` : ''}`);
      }
      if (listed.length === MAX_LISTED_KEYS) {
        io.err(`showing the first ${MAX_LISTED_KEYS} keys; narrow the list with --tenant`);
      }
      return EXIT_CODES.ok;
    }
    case 'keys revoke': {
      const result = await keys.revokeKey(command.id, command.tenant);
      switch (result.outcome) {
        case 'revoked':
          io.err(
            `revoked key ${result.key.id} (tenant "${result.key.tenant}", prefix ${result.key.prefix}); ` +
              'requests with it are now refused',
          );
          return EXIT_CODES.ok;
        case 'already-revoked':
          io.err(
            `key ${result.key.id} (tenant "${result.key.tenant}") was already revoked at ` +
              `${result.key.revokedAt?.toISOString() ?? '?'}`,
          );
          return EXIT_CODES.ok;
        case 'not-found':
          io.err(
            `no key with id ${command.id}${command.tenant ? ` for tenant "${command.tenant}"` : ''}`,
          );
          return EXIT_CODES.failure;
      }
    }
  }
}

async function createKey(
  command: CreateCommand,
  keys: Pick<ApiKeyStore, 'ensureTenant' | 'addKey'>,
  io: CliOutput,
  providedKey: string | undefined,
): Promise<ExitCode> {
  const generated = command.key.from === 'generated';
  const key = generated ? generateApiKey() : providedKey;
  if (key === undefined) throw new Error('keys create: the key to register was not resolved');
  await keys.ensureTenant(command.tenant);
  const { created, key: stored } = await keys.addKey(command.tenant, key, command.roles);
  const roles = stored.roles.join(', ');
  if (!created && stored.revokedAt !== null) {
    io.err(
      `this key belongs to tenant "${stored.tenant}" (id ${stored.id}) and was revoked at ` +
        `${stored.revokedAt.toISOString()}; a revoked key cannot be reused: create a new one`,
    );
    return EXIT_CODES.failure;
  }
  if (!created) {
    const asked = command.roles.join(', ');
    io.err(
      `key ${stored.id} is already registered for tenant "${stored.tenant}" with roles ${roles}: ` +
        `unchanged${asked === roles ? '' : ` (to change roles from ${roles} to ${asked}, create a new key and revoke this one)`}`,
    );
    return EXIT_CODES.ok;
  }
  io.err(
    `created key ${stored.id} for tenant "${stored.tenant}" (roles ${roles}, prefix ${stored.prefix})`,
  );
  if (generated) {
    io.out(key);
    io.err('the key above is shown only now: store it (e.g. in your secret manager)');
  }
  return EXIT_CODES.ok;
}

import { TENANT_ID_PATTERN, TENANT_ID_RULE } from '@greenops/config';
import {
  API_KEY_PATTERN,
  API_KEY_ROLES,
  MAX_API_KEY_LENGTH,
  MIN_API_KEY_LENGTH,
  type ApiKeyRole,
} from '@greenops/persistence';
import type { HelpTopic } from './cli-help';

/** Where `keys create` gets the key it registers. */
export type KeySource =
  | { from: 'generated' }
  | { from: 'argument'; key: string }
  | { from: 'environment'; variable: string };

/** A command line, validated. */
export type CliCommand =
  | { command: 'help'; topic: HelpTopic }
  | { command: 'keys create'; tenant: string; roles: ApiKeyRole[]; key: KeySource }
  | { command: 'keys list'; tenant?: string; json: boolean }
  | { command: 'keys revoke'; id: string; tenant?: string };

/** The command line is wrong: exit 64 with the message and the topic's usage. */
export class CliUsageError extends Error {
  constructor(
    message: string,
    readonly topic: HelpTopic,
  ) {
    super(message);
    this.name = 'CliUsageError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENV_VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

type OptionKind = 'value' | 'values' | 'flag';
type OptionSpec = Record<string, OptionKind>;

const KEYS_COMMANDS = {
  create: { tenant: 'value', role: 'values', key: 'value', 'key-env': 'value' },
  list: { tenant: 'value', json: 'flag' },
  revoke: { tenant: 'value' },
} as const satisfies Record<string, OptionSpec>;

type KeysCommand = keyof typeof KEYS_COMMANDS;

interface Tokens {
  options: Map<string, string[]>;
  positionals: string[];
  help: boolean;
}

/** Parses `greenops …` arguments (without node and the script path). Throws CliUsageError. */
export function parseCliArguments(argv: readonly string[]): CliCommand {
  const [first, second, ...rest] = argv;
  if (first === undefined) throw new CliUsageError('a command is required', 'greenops');
  if (first === '--help' || first === '-h' || first === 'help') {
    return { command: 'help', topic: 'greenops' };
  }
  if (first !== 'keys') {
    throw new CliUsageError(`unknown command "${first}" (commands: keys)`, 'greenops');
  }
  if (second === '--help' || second === '-h' || second === 'help') {
    return { command: 'help', topic: 'keys' };
  }
  if (second === undefined) {
    throw new CliUsageError('"keys" needs a command: create, list or revoke', 'keys');
  }
  if (!isKeysCommand(second)) {
    throw new CliUsageError(
      `unknown command "keys ${second}" (commands: create, list, revoke)`,
      'keys',
    );
  }
  const topic: HelpTopic = `keys ${second}`;
  const tokens = tokenize(rest, KEYS_COMMANDS[second], topic);
  if (tokens.help) return { command: 'help', topic };
  switch (second) {
    case 'create':
      return parseCreate(tokens, topic);
    case 'list':
      noPositionals(tokens, topic);
      return {
        command: 'keys list',
        tenant: optionalTenant(tokens, topic),
        json: tokens.options.has('json'),
      };
    case 'revoke':
      return parseRevoke(tokens, topic);
  }
}

function isKeysCommand(value: string): value is KeysCommand {
  return Object.prototype.hasOwnProperty.call(KEYS_COMMANDS, value);
}

/**
 * Splits `--name value`, `--name=value`, flags, `-h`/`--help` and positionals (everything after
 * `--` is positional). A token starting with `--` is never taken as an option's value.
 */
function tokenize(args: readonly string[], spec: OptionSpec, topic: HelpTopic): Tokens {
  const tokens: Tokens = { options: new Map(), positionals: [], help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      tokens.positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') {
      tokens.help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      tokens.positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) {
      throw new CliUsageError(`unknown option "${arg}"`, topic);
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    const kind = spec[name];
    if (kind === undefined) {
      const known = Object.keys(spec)
        .map((o) => `--${o}`)
        .join(', ');
      throw new CliUsageError(`unknown option "--${name}" (options: ${known}, --help)`, topic);
    }
    let value: string;
    if (kind === 'flag') {
      if (equals !== -1) throw new CliUsageError(`--${name} takes no value`, topic);
      value = '';
    } else if (equals !== -1) {
      value = arg.slice(equals + 1);
    } else {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new CliUsageError(`--${name} needs a value`, topic);
      }
      value = next;
      i++;
    }
    const seen = tokens.options.get(name) ?? [];
    if (seen.length > 0 && kind !== 'values') {
      throw new CliUsageError(`--${name} is given more than once`, topic);
    }
    tokens.options.set(name, [...seen, value]);
  }
  return tokens;
}

function parseCreate(tokens: Tokens, topic: HelpTopic): CliCommand {
  noPositionals(tokens, topic);
  const tenant = optionalTenant(tokens, topic);
  if (tenant === undefined) throw new CliUsageError('--tenant is required', topic);
  const roleArgs = tokens.options.get('role');
  if (roleArgs === undefined) {
    throw new CliUsageError(
      `--role is required (one or more of ${API_KEY_ROLES.join(', ')})`,
      topic,
    );
  }
  const roles = parseRoles(roleArgs, topic);
  const key = tokens.options.get('key')?.[0];
  const variable = tokens.options.get('key-env')?.[0];
  if (key !== undefined && variable !== undefined) {
    throw new CliUsageError('give either --key or --key-env, not both', topic);
  }
  if (key !== undefined) {
    const problem = apiKeyProblem(key);
    if (problem) throw new CliUsageError(`--key ${problem}`, topic);
    return { command: 'keys create', tenant, roles, key: { from: 'argument', key } };
  }
  if (variable !== undefined) {
    if (!ENV_VARIABLE.test(variable)) {
      throw new CliUsageError(
        `--key-env must name an environment variable (letters, digits, _), got "${variable}"`,
        topic,
      );
    }
    return { command: 'keys create', tenant, roles, key: { from: 'environment', variable } };
  }
  return { command: 'keys create', tenant, roles, key: { from: 'generated' } };
}

function parseRevoke(tokens: Tokens, topic: HelpTopic): CliCommand {
  const [id, ...extra] = tokens.positionals;
  if (id === undefined) throw new CliUsageError('the id of the key to revoke is required', topic);
  if (extra.length > 0) {
    throw new CliUsageError(`one id at a time; unexpected "${extra.join(' ')}"`, topic);
  }
  if (!UUID.test(id)) {
    throw new CliUsageError(
      `"${id}" is not a key id: ids are UUIDs, as "greenops keys list" shows them`,
      topic,
    );
  }
  return { command: 'keys revoke', id: id.toLowerCase(), tenant: optionalTenant(tokens, topic) };
}

/** Comma-separated and/or repeated; returned once each, in the order of API_KEY_ROLES. */
function parseRoles(values: readonly string[], topic: HelpTopic): ApiKeyRole[] {
  const given = new Set<string>();
  for (const value of values) {
    for (const part of value.split(',')) {
      const role = part.trim();
      if (role === '') {
        throw new CliUsageError(`--role has an empty entry in "${value}"`, topic);
      }
      if (!(API_KEY_ROLES as readonly string[]).includes(role)) {
        throw new CliUsageError(
          `--role: unknown role "${role}" (roles: ${API_KEY_ROLES.join(', ')})`,
          topic,
        );
      }
      given.add(role);
    }
  }
  return API_KEY_ROLES.filter((role) => given.has(role));
}

function optionalTenant(tokens: Tokens, topic: HelpTopic): string | undefined {
  const tenant = tokens.options.get('tenant')?.[0];
  if (tenant !== undefined && !TENANT_ID_PATTERN.test(tenant)) {
    throw new CliUsageError(`--tenant ${TENANT_ID_RULE}, got "${tenant}"`, topic);
  }
  return tenant;
}

function noPositionals(tokens: Tokens, topic: HelpTopic): void {
  if (tokens.positionals.length > 0) {
    throw new CliUsageError(`unexpected argument "${tokens.positionals[0]}"`, topic);
  }
}

/** Why a key cannot be registered, or undefined when it can (the rules of ApiKeyStore.addKey). */
export function apiKeyProblem(key: string): string | undefined {
  if (key.length < MIN_API_KEY_LENGTH || key.length > MAX_API_KEY_LENGTH) {
    return `must be ${MIN_API_KEY_LENGTH} to ${MAX_API_KEY_LENGTH} characters (got ${key.length})`;
  }
  if (!API_KEY_PATTERN.test(key)) {
    return 'may only contain letters, digits and ._~+/=- (it is sent as a bearer token)';
  }
  return undefined;
}

import { ConfigurationError } from '@greenops/config';
import { DataDirLockedError, PersistenceInputError } from '@greenops/persistence';
import { apiKeyProblem, CliUsageError, parseCliArguments, type CliCommand } from './cli-arguments';
import { EXIT_CODES, type ExitCode } from './cli-exit-codes';
import { helpText, usageLine } from './cli-help';
import { describeTarget, keyStoreTarget } from './key-store-target';
import { runKeysCommand, type CliOutput } from './keys-commands';
import { openKeyStore, type OpenedKeyStore } from './open-key-store';

export interface CliContext extends CliOutput {
  env: NodeJS.ProcessEnv;
}

/** `greenops …`: parses, runs, and answers with an exit code; never throws. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<ExitCode> {
  const fail = (message: string, code: ExitCode): ExitCode => {
    context.err(`greenops: ${message}`);
    return code;
  };
  let command: CliCommand;
  try {
    command = parseCliArguments(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    context.err(`greenops: ${error.message}`);
    context.err(usageLine(error.topic));
    context.err(
      `Run "${error.topic === 'greenops' ? 'greenops' : `greenops ${error.topic}`} --help" for more.`,
    );
    return EXIT_CODES.usage;
  }
  if (command.command === 'help') {
    context.out(helpText(command.topic));
    return EXIT_CODES.ok;
  }

  let providedKey: string | undefined;
  let store: OpenedKeyStore;
  try {
    if (command.command === 'keys create' && command.key.from !== 'generated') {
      providedKey = resolveProvidedKey(command.key, context.env);
    }
    const target = keyStoreTarget(context.env);
    context.err(`greenops: ${describeTarget(target)}`);
    store = await openKeyStore(target);
  } catch (error) {
    if (error instanceof ConfigurationError) return fail(error.message, EXIT_CODES.config);
    if (error instanceof DataDirLockedError) return fail(error.message, EXIT_CODES.failure);
    return fail(`could not open the database: ${messageOf(error)}`, EXIT_CODES.failure);
  }

  try {
    return await runKeysCommand(command, store.keys, context, providedKey);
  } catch (error) {
    if (error instanceof PersistenceInputError) {
      const field = error.field === 'plaintextKey' ? 'the key' : error.field;
      return fail(`refused: ${field} ${error.reason}`, EXIT_CODES.failure);
    }
    return fail(`${command.command} failed: ${messageOf(error)}`, EXIT_CODES.failure);
  } finally {
    await store.close().catch((error: unknown) => {
      context.err(`greenops: closing the database failed: ${messageOf(error)}`);
    });
  }
}

function resolveProvidedKey(
  source: Exclude<Extract<CliCommand, { command: 'keys create' }>['key'], { from: 'generated' }>,
  env: NodeJS.ProcessEnv,
): string {
  if (source.from === 'argument') return source.key;
  const value = env[source.variable];
  if (value === undefined || value === '') {
    throw new ConfigurationError([`${source.variable}: is not set (named by --key-env)`]);
  }
  const problem = apiKeyProblem(value);
  if (problem) throw new ConfigurationError([`${source.variable}: ${problem}`]);
  return value;
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(messageOf).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

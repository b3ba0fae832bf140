import { MediaHolder, type HolderAnswer } from './media-holder';

/**
 * A media holder as its own OS process (built to dist/e2e/support/media-holder-process.js by
 * tsconfig.build.json; started by e2e/retention-distributed.e2e-spec.ts through ServiceProcess).
 * Configuration by environment:
 * - GREENOPS_KAFKA_BROKERS: comma-separated brokers;
 * - HOLDER_TENANT: the one tenant it serves; HOLDER_GROUP: its consumer group;
 * - HOLDER_ANSWERS: JSON object, artifact id → "confirm" | "fail" | "ignore" (default ignore).
 * It reports on stdout, one JSON object a line: `media-holder ready`, then
 * `media-holder received {…}` per command and `media-holder answered {…}` per answer.
 */
async function main(): Promise<void> {
  const brokers = (process.env.GREENOPS_KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  const tenant = process.env.HOLDER_TENANT ?? '';
  const groupId = process.env.HOLDER_GROUP ?? '';
  if (brokers.length === 0 || !tenant || !groupId)
    throw new Error('GREENOPS_KAFKA_BROKERS, HOLDER_TENANT and HOLDER_GROUP are required');
  const answers = JSON.parse(process.env.HOLDER_ANSWERS ?? '{}') as Record<string, HolderAnswer>;
  const holder = () =>
    new MediaHolder(
      brokers,
      tenant,
      groupId,
      (c) => answers[c.artifactId] ?? 'ignore',
      (c) => process.stdout.write(`media-holder received ${JSON.stringify(c)}\n`),
      (a) => process.stdout.write(`media-holder answered ${JSON.stringify(a)}\n`),
    );
  const running = await startWithRetries(holder);
  process.stdout.write('media-holder ready\n');
  const stop = () => {
    void running.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/**
 * A holder keeps trying while the broker is still creating the topics (metadata for a topic
 * being created answers "does not host this topic-partition" for a moment).
 */
async function startWithRetries(make: () => MediaHolder, attempts = 30): Promise<MediaHolder> {
  for (let attempt = 1; ; attempt++) {
    const holder = make();
    try {
      await holder.start();
      return holder;
    } catch (error) {
      await holder.stop().catch(() => undefined);
      if (attempt >= attempts) throw error;
      process.stdout.write(
        `media-holder start attempt ${attempt} failed, retrying: ${(error as Error).message}\n`,
      );
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`media-holder: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

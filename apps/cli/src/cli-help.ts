/** What `--help` (or a usage error) shows help for. */
export type HelpTopic = 'greenops' | 'keys' | 'keys create' | 'keys list' | 'keys revoke';

const WHERE = `Where the keys are (environment):
  GREENOPS_DATABASE_URL  distributed mode: postgres://user[:password]@host:port/database
  GREENOPS_DATA_DIR      embedded mode, when GREENOPS_DATABASE_URL is unset (default
                         .greenops-data). The platform must be stopped: one process at a time
                         may open an embedded data dir.`;

const EXITS = `Exit status: 0 done, 1 failed (database unreachable, data dir in use, unknown id),
64 wrong command line, 78 wrong environment.`;

const TEXTS: Record<HelpTopic, string> = {
  greenops: `Usage: greenops <command> [options]

Commands:
  keys create   create an API key (and its tenant if missing)
  keys list     list API keys: id, tenant, roles, prefix, created, revoked
  keys revoke   revoke an API key by its id

Run "greenops keys <command> --help" for a command's options.

${WHERE}

${EXITS}`,

  keys: `Usage: greenops keys <create|list|revoke> [options]

  greenops keys create --tenant <tenant> --role <role>[,<role>…] [--key <key> | --key-env <VAR>]
  greenops keys list [--tenant <tenant>] [--json]
  greenops keys revoke <id> [--tenant <tenant>]

${WHERE}

${EXITS}`,

  'keys create': `Usage: greenops keys create --tenant <tenant> --role <role>[,<role>…] [--key <key> | --key-env <VAR>]

Registers an API key for a tenant, creating the tenant if it does not exist. Only the key's
SHA-256 is stored. Without --key or --key-env a strong key is generated (256 random bits) and
printed once on stdout (messages go to stderr), e.g.
  export GREENOPS_API_KEY=$(npx greenops keys create --tenant studio-b --role ingest,read)

Options:
  --tenant <tenant>   tenant id: lowercase letters, digits and "-", at most 63 characters
  --role <roles>      comma-separated, repeatable: ingest (send spans), read (GraphQL queries),
                      admin (publish factor sets)
  --key <key>         register this key instead of generating one: 16 to 512 characters from
                      A-Z a-z 0-9 . _ ~ + / = -. It is not printed. Note that a command line can
                      be seen by other local users and lands in shell history.
  --key-env <VAR>     read the key to register from environment variable VAR (for jobs whose
                      key comes from a secret)
  -h, --help          this help

Registering a key the tenant already has changes nothing and succeeds (so provisioning jobs
can be re-run); a revoked key, or one registered to another tenant, is refused.

${WHERE}

${EXITS}`,

  'keys list': `Usage: greenops keys list [--tenant <tenant>] [--json]

Lists API keys, oldest first per tenant, revoked ones included: id, tenant, roles, key prefix
(the first 6 characters), created, revoked. Never the key or its hash.

Options:
  --tenant <tenant>   only this tenant's keys
  --json              one JSON array on stdout instead of a table
  -h, --help          this help

${WHERE}

${EXITS}`,

  'keys revoke': `Usage: greenops keys revoke <id> [--tenant <tenant>]

Revokes the key with this id (a UUID, from "greenops keys list"). It stops resolving at once:
the next OTLP request or GraphQL query with it is refused as unauthenticated. Revoking a revoked
key succeeds and keeps the first revocation time.

Options:
  --tenant <tenant>   only revoke if the key belongs to this tenant
  -h, --help          this help

${WHERE}

${EXITS}`,
};

export function helpText(topic: HelpTopic): string {
  return TEXTS[topic];
}

/** The topic's "Usage: …" line, for a usage error. */
export function usageLine(topic: HelpTopic): string {
  return TEXTS[topic].split('\n')[0]!;
}

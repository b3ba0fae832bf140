/** HTTP statuses the OTLP specification lets a client retry ("OTLP/HTTP Throttling/Retryable"). */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

export interface RetryingOtlpClientOptions {
  /** Give up on one batch after this long; default 120 000 ms. */
  deadlineMs?: number;
  /** First pause after a connection error; doubled up to `maxBackoffMs`. Default 100 ms. */
  initialBackoffMs?: number;
  /** Default 2 000 ms. */
  maxBackoffMs?: number;
  /** Upper bound on a Retry-After pause; default 10 000 ms. */
  maxRetryAfterMs?: number;
  /** One attempt's time-out; default 30 000 ms. */
  attemptTimeoutMs?: number;
}

/** A retryable answer the client saw (e.g. 503 with `Retry-After: 5`). */
export interface RetryableAnswer {
  status: number;
  retryAfter: string | null;
  body: string;
}

export interface OtlpDelivery {
  /** The final (2xx) status. */
  status: number;
  attempts: number;
  retryableAnswers: RetryableAnswer[];
  /** Attempts that ended without an HTTP answer (refused, reset: the receiver died). */
  connectionErrors: number;
  /** `partialSuccess.rejectedSpans` of the final answer. */
  rejectedSpans: number;
}

/**
 * Sends an OTLP/JSON batch over HTTP and retries it as an OTLP client should: on 429/502/503/504
 * after the server's `Retry-After` (seconds), and on a connection error with exponential backoff,
 * until the batch is taken (2xx) or the deadline passes. The same body is re-sent, so a batch
 * that was written before its answer was lost arrives twice: the platform must count it once.
 */
export class RetryingOtlpClient {
  /** Every retryable answer this client has seen, oldest first. */
  readonly retryableAnswers: RetryableAnswer[] = [];
  /** Attempts of this client that ended without an HTTP answer. */
  connectionErrors = 0;
  /**
   * Why those attempts ended, by the socket error's code: `ECONNREFUSED` (nobody listening),
   * `UND_ERR_SOCKET` / `ECONNRESET` (the receiver died while it had the request), …
   */
  readonly connectionErrorCodes = new Map<string, number>();
  /** Requests sent and not answered yet. */
  inFlight = 0;

  constructor(
    private readonly url: string,
    private readonly apiKey: string,
    private readonly options: RetryingOtlpClientOptions = {},
  ) {}

  async send(body: unknown): Promise<OtlpDelivery> {
    const deadline = Date.now() + (this.options.deadlineMs ?? 120000);
    const maxBackoffMs = this.options.maxBackoffMs ?? 2000;
    const maxRetryAfterMs = this.options.maxRetryAfterMs ?? 10000;
    const payload = JSON.stringify(body);
    let backoffMs = this.options.initialBackoffMs ?? 100;
    const delivery: OtlpDelivery = {
      status: 0,
      attempts: 0,
      retryableAnswers: [],
      connectionErrors: 0,
      rejectedSpans: 0,
    };
    let lastProblem = '';
    while (Date.now() < deadline) {
      delivery.attempts += 1;
      let pauseMs: number;
      this.inFlight += 1;
      try {
        const response = await fetch(this.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${this.apiKey}`,
          },
          body: payload,
          signal: AbortSignal.timeout(this.options.attemptTimeoutMs ?? 30000),
        });
        const text = await response.text();
        if (response.ok) {
          const json = (text ? JSON.parse(text) : {}) as {
            partialSuccess?: { rejectedSpans?: string | number };
          };
          delivery.status = response.status;
          delivery.rejectedSpans = Number(json.partialSuccess?.rejectedSpans ?? 0);
          return delivery;
        }
        if (!RETRYABLE_STATUSES.has(response.status)) {
          throw new NotRetryableError(`OTLP export refused with ${response.status}: ${text}`);
        }
        const retryAfter = response.headers.get('retry-after');
        const answer = { status: response.status, retryAfter, body: text };
        delivery.retryableAnswers.push(answer);
        this.retryableAnswers.push(answer);
        lastProblem = `${response.status} ${text}`;
        const seconds = Number(retryAfter);
        pauseMs =
          retryAfter !== null && Number.isFinite(seconds) && seconds >= 0
            ? Math.min(seconds * 1000, maxRetryAfterMs)
            : backoffMs;
      } catch (error) {
        if (error instanceof NotRetryableError) throw error;
        delivery.connectionErrors += 1;
        this.connectionErrors += 1;
        const code = errorCode(error);
        this.connectionErrorCodes.set(code, (this.connectionErrorCodes.get(code) ?? 0) + 1);
        lastProblem = describe(error);
        pauseMs = backoffMs;
        backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
      } finally {
        this.inFlight -= 1;
      }
      await new Promise((r) =>
        setTimeout(r, Math.min(pauseMs, Math.max(0, deadline - Date.now()))),
      );
    }
    throw new Error(
      `OTLP batch not taken after ${delivery.attempts} attempts (${delivery.retryableAnswers.length} ` +
        `retryable answers, ${delivery.connectionErrors} connection errors); last: ${lastProblem}`,
    );
  }
}

class NotRetryableError extends Error {}

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; name?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (error instanceof Error) return error.name;
  return 'unknown';
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}

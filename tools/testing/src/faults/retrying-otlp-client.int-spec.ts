import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RetryingOtlpClient } from './retrying-otlp-client';

/** A local HTTP server answering each attempt with the next scripted action. */
async function scriptedServer(
  actions: Array<(req: IncomingMessage, res: ServerResponse) => void>,
): Promise<{ url: string; server: Server; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      (actions.shift() ?? ((_, r) => r.writeHead(500).end()))(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1/traces`, server, bodies };
}

describe('RetryingOtlpClient', () => {
  it('re-sends the same body after 503 + Retry-After and after a connection cut, until 2xx', async () => {
    const { url, server, bodies } = await scriptedServer([
      (_, res) =>
        res.writeHead(503, { 'retry-after': '0' }).end('{"code":14,"message":"unavailable"}'),
      (req) => req.socket.destroy(), // the receiver dies with the request
      (_, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"partialSuccess":{"rejectedSpans":"1"}}'),
    ]);
    try {
      const client = new RetryingOtlpClient(url, 'key', { initialBackoffMs: 1 });
      const delivery = await client.send({ resourceSpans: [] });
      expect(delivery).toMatchObject({
        status: 200,
        attempts: 3,
        connectionErrors: 1,
        rejectedSpans: 1,
      });
      expect(delivery.retryableAnswers).toEqual([
        { status: 503, retryAfter: '0', body: '{"code":14,"message":"unavailable"}' },
      ]);
      expect(new Set(bodies)).toEqual(new Set(['{"resourceSpans":[]}']));
      expect(client.inFlight).toBe(0);
    } finally {
      server.close();
    }
  });

  it('does not retry a 400 (OTLP: not retryable)', async () => {
    const { url, server } = await scriptedServer([(_, res) => res.writeHead(400).end('bad')]);
    try {
      await expect(new RetryingOtlpClient(url, 'key').send({})).rejects.toThrow(
        'OTLP export refused with 400: bad',
      );
    } finally {
      server.close();
    }
  });

  it('gives up after its deadline, naming the last problem', async () => {
    const { url, server } = await scriptedServer([]);
    server.close(); // nobody listens: connection refused
    await expect(
      new RetryingOtlpClient(url, 'key', { deadlineMs: 200, initialBackoffMs: 20 }).send({}),
    ).rejects.toThrow(/OTLP batch not taken after \d+ attempts .* connection errors\); last: /);
  });
});

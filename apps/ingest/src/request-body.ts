import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';
import { OtlpDecodeError, PayloadTooLargeError, UnsupportedMediaTypeError } from './ingest-errors';

function gunzipLimited(data: Buffer, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxOutputLength stops a gzip bomb before it is inflated in memory.
    gunzip(data, { maxOutputLength: maxBytes }, (error, out) => {
      if (!error) return resolve(out);
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        return reject(new PayloadTooLargeError(maxBytes));
      reject(new OtlpDecodeError(`body is not valid gzip: ${error.message}`));
    });
  });
}

function readLimited(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes)
    return Promise.reject(new PayloadTooLargeError(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const finish = (error: Error | null, body?: Buffer): void => {
      if (done) return;
      done = true;
      request.off('data', onData);
      if (error) {
        // Stop buffering but let the socket drain so the 413 can still be answered.
        request.resume();
        reject(error);
      } else resolve(body ?? Buffer.alloc(0));
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > maxBytes) return finish(new PayloadTooLargeError(maxBytes));
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => finish(null, Buffer.concat(chunks, total)));
    request.once('error', (error) => finish(error));
  });
}

/**
 * Reads the raw request body, enforcing `maxBytes` on the bytes received and again on the
 * gunzipped bytes. Needs Nest's body parser off for this route (see createIngestHttpApp).
 */
export async function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  if (request.readableEnded) {
    throw new Error(
      'request body already consumed: create the ingest HTTP app with bodyParser: false',
    );
  }
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new UnsupportedMediaTypeError(
      `unsupported Content-Encoding "${encoding}" (use gzip or none)`,
    );
  }
  const raw = await readLimited(request, maxBytes);
  return encoding === 'identity' ? raw : gunzipLimited(raw, maxBytes);
}

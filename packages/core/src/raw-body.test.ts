import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, ValidationError } from './errors.js';
import {
  addFastifyRawBodyParser,
  type FastifyLike,
  readFrameworkRawBody,
  readNodeRawBody,
  readWebRawBody,
} from './raw-body.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/**
 * Starts a real server on 127.0.0.1 whose handler runs `read` on the request, answers 200 with the
 * bytes read (base64) or an error status, and sends `body` to it.
 */
async function roundTrip(
  body: Buffer,
  read: (request: IncomingMessage) => Promise<Buffer>,
): Promise<{ status: number; text: string; error?: unknown }> {
  let caught: unknown;
  const server = createServer((request, response) => {
    read(request).then(
      (bytes) => response.writeHead(200).end(bytes.toString('base64')),
      (error: unknown) => {
        caught = error;
        const status = ValidationError.isInstance(error) ? 413 : 500;
        response.writeHead(status, { connection: 'close' }).end(String((error as Error).name));
      },
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const client = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/webhook',
        headers: { 'content-type': 'application/json' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode!, text, error: caught }));
      },
    );
    client.on('error', reject);
    client.end(body);
  });
}

async function consume(request: IncomingMessage): Promise<void> {
  for await (const _ of request) {
    // A body parser reading the stream before the webhook handler.
  }
}

describe('readNodeRawBody on a real node:http server', () => {
  it('returns the exact bytes sent, multi-byte characters included', async () => {
    const body = Buffer.from('{"text":"你好 👋","n":1}', 'utf8');
    const result = await roundTrip(body, (request) => readNodeRawBody(request));
    expect(result.status).toBe(200);
    expect(Buffer.from(result.text, 'base64').equals(body)).toBe(true);
  });

  it('an already consumed stream is a ConfigurationError that explains the fix', async () => {
    const result = await roundTrip(Buffer.from('{"a":1}'), async (request) => {
      await consume(request);
      return readNodeRawBody(request);
    });
    expect(result.status).toBe(500);
    expect(ConfigurationError.isInstance(result.error)).toBe(true);
    expect((result.error as ConfigurationError).option).toBe('rawBody');
    expect((result.error as Error).message).toContain('body parser');
  });

  it('a body over the limit is a ValidationError and the server can still answer 413', async () => {
    const result = await roundTrip(Buffer.alloc(4 * 1024 * 1024, 'a'), (request) =>
      readNodeRawBody(request, { limitBytes: 1024 }),
    );
    expect(result.status).toBe(413);
    expect(ValidationError.isInstance(result.error)).toBe(true);
    expect((result.error as ValidationError).issues[0]).toMatchObject({ path: ['body'], code: 'max-size' });
  });

  it('accepts string chunks', async () => {
    const stream = Readable.from(['ab', 'c']) as unknown as IncomingMessage;
    expect((await readNodeRawBody(stream)).toString()).toBe('abc');
  });
});

describe('readFrameworkRawBody', () => {
  it('uses an express.raw() Buffer body as it is', async () => {
    const body = Buffer.from('{"a":1}');
    expect(await readFrameworkRawBody({ body })).toBe(body);
  });

  it('prefers rawBody (Buffer, string or bytes) over a parsed body', async () => {
    expect((await readFrameworkRawBody({ rawBody: 'x{"a":1}', body: { a: 1 } })).toString()).toBe('x{"a":1}');
    expect((await readFrameworkRawBody({ rawBody: new Uint8Array([104, 105]) })).toString()).toBe('hi');
    expect((await readFrameworkRawBody({ rawBody: Buffer.from('raw'), body: {} })).toString()).toBe('raw');
  });

  it('a body parsed into an object is a ConfigurationError saying how to fix it', async () => {
    const error = await readFrameworkRawBody({ body: { events: [] } }).catch((caught: unknown) => caught);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('express.raw');
  });

  it('reads the unread stream behind an empty parsed body (Fastify request.raw, or the request itself)', async () => {
    const viaRaw = await roundTrip(Buffer.from('{"b":2}'), (request) =>
      readFrameworkRawBody({ body: {}, raw: request }),
    );
    expect(Buffer.from(viaRaw.text, 'base64').toString()).toBe('{"b":2}');
    const itself = await roundTrip(Buffer.from('{"c":3}'), (request) => readFrameworkRawBody(request));
    expect(Buffer.from(itself.text, 'base64').toString()).toBe('{"c":3}');
  });

  it('an Express request whose stream a JSON parser consumed is a ConfigurationError', async () => {
    const result = await roundTrip(Buffer.from('{"a":1}'), async (request) => {
      await consume(request);
      return readFrameworkRawBody(Object.assign(request, { body: {} }));
    });
    expect(ConfigurationError.isInstance(result.error)).toBe(true);
  });

  it('nothing to read is a ConfigurationError', async () => {
    const error = await readFrameworkRawBody({}).catch((caught: unknown) => caught);
    expect(ConfigurationError.isInstance(error)).toBe(true);
  });

  it('enforces the size limit on a direct body', async () => {
    const error = await readFrameworkRawBody({ body: Buffer.alloc(11) }, { limitBytes: 10 }).catch(
      (caught: unknown) => caught,
    );
    expect(ValidationError.isInstance(error)).toBe(true);
  });
});

describe('readWebRawBody', () => {
  it('reads the bytes of a web Request', async () => {
    const request = new Request('https://x.test/webhook', { method: 'POST', body: '{"a":"é"}' });
    expect(new TextDecoder().decode(await readWebRawBody(request))).toBe('{"a":"é"}');
  });

  it('a body already read is a ConfigurationError', async () => {
    const request = new Request('https://x.test/webhook', { method: 'POST', body: '{}' });
    await request.text();
    const error = await readWebRawBody(request).catch((caught: unknown) => caught);
    expect(ConfigurationError.isInstance(error)).toBe(true);
  });

  it('a body over the limit is a ValidationError', async () => {
    const request = new Request('https://x.test/webhook', { method: 'POST', body: 'x'.repeat(100) });
    const error = await readWebRawBody(request, { limitBytes: 10 }).catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
  });

  it('a declared content-length over the limit is refused before reading', async () => {
    const request = new Request('https://x.test/webhook', {
      method: 'POST',
      body: 'x',
      headers: { 'content-length': '5000' },
    });
    const error = await readWebRawBody(request, { limitBytes: 10 }).catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
  });

  it('reads a streamed body of several chunks', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":'));
        controller.enqueue(new TextEncoder().encode('1}'));
        controller.close();
      },
    });
    const request = new Request('https://x.test/webhook', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(new TextDecoder().decode(await readWebRawBody(request))).toBe('{"a":1}');
  });

  it('a request without a body reads as empty', async () => {
    expect((await readWebRawBody(new Request('https://x.test/'))).length).toBe(0);
  });
});

describe('addFastifyRawBodyParser', () => {
  it('registers a buffer parser for JSON, text and form bodies that keeps the bytes', () => {
    const registered: {
      contentType: unknown;
      options: unknown;
      parser: Parameters<FastifyLike['addContentTypeParser']>[2];
    }[] = [];
    const fastify: FastifyLike = {
      addContentTypeParser(contentType, options, parser) {
        registered.push({ contentType, options, parser });
      },
    };
    addFastifyRawBodyParser(fastify, { limitBytes: 2048 });
    expect(registered).toHaveLength(1);
    expect(registered[0]!.contentType).toEqual([
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
    ]);
    expect(registered[0]!.options).toEqual({ parseAs: 'buffer', bodyLimit: 2048 });
    const body = Buffer.from('{"a":1}');
    const results: unknown[] = [];
    registered[0]!.parser({}, body, (error, parsed) => results.push(error, parsed));
    expect(results).toEqual([null, body]);
  });

  it('uses a 1 MiB limit by default', () => {
    let options: unknown;
    addFastifyRawBodyParser({
      addContentTypeParser(_contentType, given) {
        options = given;
      },
    });
    expect(options).toEqual({ parseAs: 'buffer', bodyLimit: 1024 * 1024 });
  });
});

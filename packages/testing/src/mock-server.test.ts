import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockRoute } from './mock-server.js';

let counter = 0;
const routes: MockRoute[] = [
  {
    method: 'GET',
    path: '/items/:id',
    handler: (request) => ({ status: 200, body: { id: request.params.id, q: request.query.get('q') } }),
  },
  {
    method: 'POST',
    path: '/items',
    handler: (request) => {
      counter++;
      return { status: 201, headers: { 'x-request-id': 'r1' }, body: { got: request.json() } };
    },
  },
  {
    method: 'GET',
    path: '/boom',
    handler: () => {
      throw new Error('kaput');
    },
  },
  {
    method: 'GET',
    path: '/bytes',
    handler: () => ({
      status: 200,
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array([1, 2, 3]),
    }),
  },
];

describe('createMockServer', () => {
  const server = createMockServer({ name: 'demo', routes });

  it('routes with params, query and JSON bodies', async () => {
    const response = await server.handle(new Request('http://x/items/42?q=a'));
    expect(response?.status).toBe(200);
    expect(await response?.json()).toEqual({ id: '42', q: 'a' });
    const created = await server.handle(
      new Request('http://x/items', { method: 'POST', body: JSON.stringify({ a: 1 }) }),
    );
    expect(created?.status).toBe(201);
    expect(created?.headers.get('x-request-id')).toBe('r1');
    expect(await created?.json()).toEqual({ got: { a: 1 } });
  });

  it('answers 404 for unknown paths, 405 for a wrong method, 500 when a route throws', async () => {
    expect((await server.handle(new Request('http://x/nothing')))?.status).toBe(404);
    expect((await server.handle(new Request('http://x/items/1', { method: 'DELETE' })))?.status).toBe(405);
    const failed = await server.handle(new Request('http://x/boom'));
    expect(failed?.status).toBe(500);
    expect(await failed?.text()).toContain('kaput');
  });

  it('injects faults: errors, drops before and after handling', async () => {
    const faulty = createMockServer({ name: 'f', routes, faults: { errorRate: 1, errorStatus: 503 } });
    expect((await faulty.handle(new Request('http://x/items/1')))?.status).toBe(503);
    faulty.setFaults({ dropRate: 1 });
    expect(await faulty.handle(new Request('http://x/items/1'))).toBeNull();
    const before = counter;
    faulty.setFaults({ dropAfterHandlingRate: 1 });
    expect(await faulty.handle(new Request('http://x/items', { method: 'POST', body: '{}' }))).toBeNull();
    expect(counter).toBe(before + 1);
  });

  describe('as msw handlers', () => {
    const msw = setupServer(
      ...server.mswHandlers(['https://api.example.test', 'https://data.example.test/']),
    );
    beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
    afterAll(() => msw.close());

    it('answers fetch under every base URL', async () => {
      const response = await fetch('https://data.example.test/items/7');
      expect(await response.json()).toEqual({ id: '7', q: null });
      const bytes = await fetch('https://api.example.test/bytes');
      expect([...new Uint8Array(await bytes.arrayBuffer())]).toEqual([1, 2, 3]);
    });

    it('turns a dropped connection into a fetch network error', async () => {
      server.setFaults({ dropRate: 1 });
      await expect(fetch('https://api.example.test/items/1')).rejects.toThrow();
      server.setFaults({});
    });
  });

  describe('on loopback', () => {
    it('serves real HTTP on 127.0.0.1 and drops connections on demand', async () => {
      const running = await server.listen();
      try {
        expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const response = await fetch(`${running.url}/items`, {
          method: 'POST',
          body: JSON.stringify({ b: 2 }),
          headers: { 'content-type': 'application/json' },
        });
        expect(response.status).toBe(201);
        expect(await response.json()).toEqual({ got: { b: 2 } });
        server.setFaults({ dropRate: 1 });
        await expect(fetch(`${running.url}/items/1`)).rejects.toThrow();
      } finally {
        server.setFaults({});
        await running.close();
      }
    });
  });
});

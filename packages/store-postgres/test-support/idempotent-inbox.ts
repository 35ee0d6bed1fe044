import { createMockServer, type MockServer } from '@omnicast/testing';

/** A loopback send endpoint that counts deliveries per recipient and honours a retry key like LINE's. */
export interface IdempotentInbox {
  server: MockServer;
  /** Deliveries per recipient id. */
  readonly deliveries: ReadonlyMap<string, number>;
  /** Requests answered 409 because their retry key was accepted before. */
  readonly conflicts: number;
  readonly requests: number;
}

/**
 * `POST /send` with `{to: string[]}` and an `x-retry-key` header: delivers to every recipient once
 * per key; a repeated key is answered 409 without delivering again.
 */
export function createIdempotentInbox(): IdempotentInbox {
  const deliveries = new Map<string, number>();
  const accepted = new Set<string>();
  let conflicts = 0;
  let requests = 0;
  const server = createMockServer({
    name: 'inbox',
    routes: [
      {
        method: 'POST',
        path: '/send',
        handler(request) {
          requests++;
          const key = request.headers.get('x-retry-key');
          if (!key) return { status: 400, body: { message: 'x-retry-key is required' } };
          if (accepted.has(key)) {
            conflicts++;
            return { status: 409, body: { message: 'The retry key is already accepted' } };
          }
          const body = request.json() as { to?: unknown };
          if (!Array.isArray(body.to) || body.to.length === 0)
            return { status: 400, body: { message: 'to' } };
          accepted.add(key);
          for (const id of body.to as string[]) deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
          return { status: 200, body: { requestId: `r${requests}` } };
        },
      },
    ],
  });
  return {
    server,
    deliveries,
    get conflicts() {
      return conflicts;
    },
    get requests() {
      return requests;
    },
  };
}

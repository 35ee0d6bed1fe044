import type { MockResponse } from '../mock-server.js';
import {
  checkMessages,
  checkMulticastTo,
  checkNarrowcast,
  checkPushTo,
  detailsBody,
} from './line-mock-checks.js';
import {
  consumeQuota,
  type LineMockEnv,
  type LineRouteCall,
  type LineRouteSpec,
  lineError,
  lineMockMessages,
} from './line-mock-context.js';
import { lineDay } from './line-mock-state.js';

function invalid(details: ReturnType<typeof checkMessages>): MockResponse | undefined {
  return details.length > 0 ? { status: 400, body: detailsBody(details) } : undefined;
}

function sentMessages(env: LineMockEnv, count: number): { id: string; quoteToken: string }[] {
  return Array.from({ length: count }, () => {
    const id = env.state.nextMessageId();
    return { id, quoteToken: `q${id}` };
  });
}

function audienceTargets(env: LineMockEnv, recipient: unknown): Set<string> {
  const node = (recipient ?? {}) as Record<string, unknown>;
  const all = () => new Set(env.options.followers ?? []);
  switch (node.type) {
    case 'audience':
      return new Set(env.state.audiences.get(Number(node.audienceGroupId))?.userIds ?? []);
    case 'redelivery': {
      const earlier = env.state.narrowcasts.get(String(node.requestId));
      return new Set(earlier?.targets ?? []);
    }
    case 'operator': {
      if (Array.isArray(node.and)) {
        const sets = node.and.map((child) => audienceTargets(env, child));
        return new Set([...(sets[0] ?? [])].filter((id) => sets.every((set) => set.has(id))));
      }
      if (Array.isArray(node.or))
        return new Set(node.or.flatMap((child) => [...audienceTargets(env, child)]));
      if (node.not !== undefined) {
        const excluded = audienceTargets(env, node.not);
        return new Set([...all()].filter((id) => !excluded.has(id)));
      }
      return new Set();
    }
    default:
      return all();
  }
}

/** Routes of the send endpoints, narrowcast progress, validation, quota and statistics. @internal */
export function messageRoutes(env: LineMockEnv): LineRouteSpec[] {
  const { state, options } = env;
  const blocked = new Set(options.blockedUserIds ?? []);
  const deliverTo = (userIds: Iterable<string>, operation: string, call: LineRouteCall) => {
    let delivered = 0;
    for (const userId of userIds) {
      if (blocked.has(userId)) continue;
      state.deliver(userId, {
        operation,
        messages: call.body.messages as unknown[],
        requestId: call.requestId,
        ...(call.retryKey !== undefined ? { retryKey: call.retryKey } : {}),
      });
      delivered++;
    }
    state.countDelivery(operation, delivered);
    return delivered;
  };
  const validateOnly = (kind: string): LineRouteSpec => ({
    method: 'POST',
    path: `/v2/bot/message/validate/${kind}`,
    operation: `validate-${kind}`,
    handler: ({ body }) => invalid(checkMessages(body)) ?? { status: 200, body: {} },
  });
  const stats = (type: string): LineRouteSpec => ({
    method: 'GET',
    path: `/v2/bot/message/delivery/${type}`,
    operation: `${type}-stats`,
    limit: 'default',
    handler: ({ request }) => {
      const date = request.query.get('date') ?? '';
      if (!/^\d{8}$/.test(date)) return lineError(400, "The value of the 'date' parameter is invalid");
      if (date > lineDay(state.clock.now())) return { status: 200, body: { status: 'unready' } };
      return {
        status: 200,
        body: { status: 'ready', success: state.deliveryStats.get(`${type}:${date}`) ?? 0 },
      };
    },
  });
  return [
    {
      method: 'POST',
      path: '/v2/bot/message/reply',
      operation: 'reply',
      handler: (call) => {
        const bad = invalid(checkMessages(call.body));
        if (bad) return bad;
        const token = String(call.body.replyToken ?? '');
        if (token === '' || state.usedReplyTokens.has(token)) return lineError(400, 'Invalid reply token');
        state.usedReplyTokens.add(token);
        deliverTo([`reply:${token}`], 'reply', call);
        return {
          status: 200,
          body: { sentMessages: sentMessages(env, (call.body.messages as unknown[]).length) },
        };
      },
    },
    {
      method: 'POST',
      path: '/v2/bot/message/push',
      operation: 'push',
      retryKey: true,
      handler: (call) => {
        const bad = invalid([...checkPushTo(call.body), ...checkMessages(call.body)]);
        if (bad) return bad;
        const to = String(call.body.to);
        const quota = consumeQuota(env, blocked.has(to) ? 0 : 1);
        if (quota) return quota;
        deliverTo([to], 'push', call);
        return {
          status: 200,
          body: { sentMessages: sentMessages(env, (call.body.messages as unknown[]).length) },
        };
      },
    },
    {
      method: 'POST',
      path: '/v2/bot/message/multicast',
      operation: 'multicast',
      retryKey: true,
      handler: (call) => {
        const bad = invalid([...checkMulticastTo(call.body), ...checkMessages(call.body)]);
        if (bad) return bad;
        const to = [...new Set(call.body.to as string[])];
        const quota = consumeQuota(env, to.filter((id) => !blocked.has(id)).length);
        if (quota) return quota;
        deliverTo(to, 'multicast', call);
        return { status: 200, body: {} };
      },
    },
    {
      method: 'POST',
      path: '/v2/bot/message/broadcast',
      operation: 'broadcast',
      retryKey: true,
      handler: (call) => {
        const bad = invalid(checkMessages(call.body));
        if (bad) return bad;
        const to = (options.followers ?? []).filter((id) => !blocked.has(id));
        const quota = consumeQuota(env, to.length);
        if (quota) return quota;
        deliverTo(to, 'broadcast', call);
        return { status: 200, body: {} };
      },
    },
    {
      method: 'POST',
      path: '/v2/bot/message/narrowcast',
      operation: 'narrowcast',
      retryKey: true,
      handler: (call) => {
        const bad = invalid([...checkNarrowcast(call.body), ...checkMessages(call.body)]);
        if (bad) return bad;
        let targets = [...audienceTargets(env, call.body.recipient)].filter((id) => !blocked.has(id));
        const limit = (call.body.limit ?? {}) as { max?: number };
        if (typeof limit.max === 'number') targets = targets.slice(0, limit.max);
        state.narrowcasts.set(call.requestId, {
          requestId: call.requestId,
          phase: 'waiting',
          messages: call.body.messages as unknown[],
          targets,
          acceptedTime: new Date(state.clock.now()).toISOString(),
        });
        return { status: 202, body: {} };
      },
    },
    {
      method: 'GET',
      path: '/v2/bot/message/progress/narrowcast',
      operation: 'narrowcast-progress',
      handler: ({ request }) => {
        const narrowcast = state.narrowcasts.get(request.query.get('requestId') ?? '');
        if (!narrowcast) return lineError(404, lineMockMessages.notFound);
        const phaseMs = options.narrowcastPhaseMs;
        if (phaseMs !== undefined) {
          const elapsed = state.clock.now() - Date.parse(narrowcast.acceptedTime);
          if (narrowcast.phase === 'waiting' && elapsed >= phaseMs)
            advanceNarrowcast(env, narrowcast.requestId);
          if (narrowcast.phase === 'sending' && elapsed >= 2 * phaseMs)
            advanceNarrowcast(env, narrowcast.requestId);
        }
        const { messages: _messages, targets: _targets, requestId: _requestId, ...progress } = narrowcast;
        return { status: 200, body: progress };
      },
    },
    validateOnly('reply'),
    validateOnly('push'),
    validateOnly('multicast'),
    validateOnly('narrowcast'),
    validateOnly('broadcast'),
    {
      method: 'GET',
      path: '/v2/bot/message/quota',
      operation: 'quota',
      handler: () => ({
        status: 200,
        body:
          options.monthlyQuota === undefined
            ? { type: 'none' }
            : { type: 'limited', value: options.monthlyQuota },
      }),
    },
    {
      method: 'GET',
      path: '/v2/bot/message/quota/consumption',
      operation: 'quota-consumption',
      handler: () => ({ status: 200, body: { totalUsage: state.usage } }),
    },
    stats('reply'),
    stats('push'),
    stats('multicast'),
    stats('broadcast'),
    stats('pnp'),
    stats('pnp/templated'),
  ];
}

/** Moves a narrowcast one phase on (waiting → sending → succeeded), delivering on success. @internal */
export function advanceNarrowcast(env: LineMockEnv, requestId: string): void {
  const narrowcast = env.state.narrowcasts.get(requestId);
  if (!narrowcast) throw new Error(`No narrowcast with request id ${requestId}`);
  if (narrowcast.phase === 'waiting') {
    narrowcast.phase = 'sending';
    return;
  }
  if (narrowcast.phase !== 'sending') return;
  const quota = consumeQuota(env, narrowcast.targets.length);
  const completedTime = new Date(env.state.clock.now()).toISOString();
  if (quota) {
    Object.assign(narrowcast, {
      phase: 'failed',
      completedTime,
      errorCode: 1,
      failedDescription: lineMockMessages.quota,
      targetCount: narrowcast.targets.length,
    });
    return;
  }
  for (const userId of narrowcast.targets)
    env.state.deliver(userId, { operation: 'narrowcast', messages: narrowcast.messages, requestId });
  Object.assign(narrowcast, {
    phase: 'succeeded',
    completedTime,
    successCount: narrowcast.targets.length,
    failureCount: 0,
    targetCount: narrowcast.targets.length,
  });
}

import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ApiCallError,
  ConfigurationError,
  defaultIsRetryable,
  type ErrorReason,
  errorReasons,
  formatIssuePath,
  OmnicastError,
  SignatureError,
  UnsupportedFeatureError,
  ValidationError,
} from './errors.js';

/** What a second copy of the package (another install) builds: same Symbol.for markers, other classes. */
function foreignError(kinds: string[], fields: Record<string, unknown> = {}): Error {
  const error = new Error('from another copy') as Error & Record<symbol, unknown>;
  error[Symbol.for('omnicast.error')] = true;
  error[Symbol.for('omnicast.error.kind')] = kinds;
  return Object.assign(error, fields);
}

const guards = {
  OmnicastError: OmnicastError.isInstance,
  ApiCallError: ApiCallError.isInstance,
  ValidationError: ValidationError.isInstance,
  UnsupportedFeatureError: UnsupportedFeatureError.isInstance,
  SignatureError: SignatureError.isInstance,
  ConfigurationError: ConfigurationError.isInstance,
};
type Kind = keyof typeof guards;

const instances: [Kind, OmnicastError][] = [
  ['OmnicastError', new OmnicastError('base')],
  ['ApiCallError', new ApiCallError('api', { channel: 'line', operation: 'push', reason: 'server-error' })],
  ['ValidationError', new ValidationError('bad', { issues: [] })],
  ['UnsupportedFeatureError', new UnsupportedFeatureError('no', { channel: 'sms', feature: 'part:image' })],
  ['SignatureError', new SignatureError('sig', { reason: 'invalid-signature' })],
  ['ConfigurationError', new ConfigurationError('config', { option: 'channelAccessToken' })],
];

describe('isInstance', () => {
  it.each(instances)('%s is recognised by its own guard and the base guard only', (kind, error) => {
    for (const [name, guard] of Object.entries(guards)) {
      expect(guard(error)).toBe(name === kind || name === 'OmnicastError');
    }
    expect(error.name).toBe(kind);
    expect(error).toBeInstanceOf(Error);
  });

  it.each(Object.keys(guards).filter((kind) => kind !== 'OmnicastError') as Kind[])(
    'recognises a %s built by a second copy of the package',
    (kind) => {
      const foreign = foreignError(['OmnicastError', kind]);
      expect(guards[kind](foreign)).toBe(true);
      expect(OmnicastError.isInstance(foreign)).toBe(true);
      expect(foreign instanceof OmnicastError).toBe(false);
    },
  );

  it.each([
    ['null', null],
    ['a string', 'ApiCallError'],
    ['a plain Error', new Error('x')],
    ['an object with a wrong marker', { [Symbol.for('omnicast.error')]: 'yes' }],
    ['a marked object without kinds', { [Symbol.for('omnicast.error')]: true }],
    [
      'a marked object with non-array kinds',
      { [Symbol.for('omnicast.error')]: true, [Symbol.for('omnicast.error.kind')]: 'ApiCallError' },
    ],
  ])('rejects %s', (_name, value) => {
    expect(ApiCallError.isInstance(value)).toBe(false);
    expect(ValidationError.isInstance(value)).toBe(false);
  });

  it('a marked object is an OmnicastError even without kinds', () => {
    expect(OmnicastError.isInstance({ [Symbol.for('omnicast.error')]: true })).toBe(true);
  });
});

describe('OmnicastError', () => {
  it('sets cause only when given', () => {
    const cause = new Error('root');
    expect(new OmnicastError('x', { cause }).cause).toBe(cause);
    expect('cause' in new OmnicastError('x')).toBe(false);
  });
});

describe('ApiCallError', () => {
  it('keeps every field and defaults isRetryable from the reason', () => {
    const error = new ApiCallError('LINE push failed', {
      channel: 'line',
      operation: 'push',
      reason: 'rate-limited',
      statusCode: 429,
      retryAfterMs: 1000,
      vendorCode: 130429,
      requestId: 'req-1',
      responseBody: { message: 'too many' },
    });
    expect(error).toMatchObject({
      message: 'LINE push failed',
      channel: 'line',
      operation: 'push',
      reason: 'rate-limited',
      statusCode: 429,
      isRetryable: true,
      retryAfterMs: 1000,
      vendorCode: 130429,
      requestId: 'req-1',
      responseBody: { message: 'too many' },
    });
  });

  it('leaves optional fields absent (not undefined keys) and honours an explicit isRetryable', () => {
    const error = new ApiCallError('x', {
      channel: 'c',
      operation: 'o',
      reason: 'server-error',
      isRetryable: false,
    });
    expect(error.isRetryable).toBe(false);
    expect(Object.keys(error)).not.toContain('statusCode');
    expect(Object.keys(error)).not.toContain('responseBody');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ApiCallError',
      channel: 'c',
      operation: 'o',
      reason: 'server-error',
      isRetryable: false,
    });
  });

  it('inspects without throwing and shows the reason', () => {
    const error = new ApiCallError('x', { channel: 'c', operation: 'o', reason: 'timeout' });
    expect(inspect(error)).toContain("reason: 'timeout'");
  });
});

describe('defaultIsRetryable', () => {
  const retryable = new Set<ErrorReason>(['rate-limited', 'server-error', 'network', 'timeout']);
  it.each(errorReasons.map((reason) => [reason]))('%s', (reason) => {
    expect(defaultIsRetryable(reason)).toBe(retryable.has(reason));
  });

  it('lists every reason once', () => {
    expect(new Set(errorReasons).size).toBe(errorReasons.length);
    expect(errorReasons).toHaveLength(14);
  });
});

describe('formatIssuePath', () => {
  it.each([
    [[], '(root)'],
    [['parts'], 'parts'],
    [['parts', 0, 'text'], 'parts[0].text'],
    [['parts', 2, 'cards', 1, 'buttons', 0, 'label'], 'parts[2].cards[1].buttons[0].label'],
    [[0, 'a'], '[0].a'],
  ] as [(string | number)[], string][])('%j → %s', (path, formatted) => {
    expect(formatIssuePath(path)).toBe(formatted);
  });
});

describe('ValidationError', () => {
  it('lists every issue with its formatted path in the message', () => {
    const error = new ValidationError('Invalid message', {
      issues: [
        { path: ['parts', 0, 'text'], message: 'must not be empty', code: 'too_small' },
        { path: ['metadata', 'purpose'], message: 'is not a purpose' },
        { path: [], message: 'is wrong' },
      ],
    });
    expect(error.message).toBe(
      'Invalid message: parts[0].text: must not be empty; metadata.purpose: is not a purpose; (root): is wrong',
    );
    expect(error.issues).toHaveLength(3);
  });

  it('caps the message at ten issues and says how many more there are', () => {
    const issues = Array.from({ length: 13 }, (_, index) => ({ path: ['items', index], message: 'bad' }));
    const error = new ValidationError('Invalid list', { issues });
    expect(error.message).toContain('items[9]: bad');
    expect(error.message).not.toContain('items[10]');
    expect(error.message.endsWith('(+3 more)')).toBe(true);
    expect(error.issues).toHaveLength(13);
  });

  it('keeps the bare message when there are no issues', () => {
    expect(new ValidationError('Nothing', { issues: [] }).message).toBe('Nothing');
  });
});

describe('other errors', () => {
  it('UnsupportedFeatureError keeps channel and feature', () => {
    expect(new UnsupportedFeatureError('no', { channel: 'sms', feature: 'part:carousel' })).toMatchObject({
      channel: 'sms',
      feature: 'part:carousel',
    });
  });

  it('SignatureError keeps its reason', () => {
    expect(new SignatureError('x', { reason: 'missing-body' }).reason).toBe('missing-body');
  });

  it('ConfigurationError keeps the option when given', () => {
    expect(new ConfigurationError('x', { option: 'baseUrl' }).option).toBe('baseUrl');
    expect('option' in new ConfigurationError('x')).toBe(false);
  });
});

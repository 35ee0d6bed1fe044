import { describe, expect, it } from 'vitest';
import { type Message, parseMessageInput } from './__fixtures__/messages.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import { listMessageVariables, renderMessage, renderTemplateString } from './render-message.js';

function renderError(message: Message, variables: Record<string, unknown>): ValidationError {
  try {
    renderMessage(message, variables);
  } catch (error) {
    if (ValidationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('renderTemplateString', () => {
  it.each<[string, string, Record<string, unknown>, string]>([
    ['plain text is returned as is', 'Hello', {}, 'Hello'],
    ['a variable', 'Hi {{name}}!', { name: 'Mei' }, 'Hi Mei!'],
    ['spaces inside braces', 'Hi {{ name }}!', { name: 'Mei' }, 'Hi Mei!'],
    [
      'dotted names',
      'Order {{order.id}} ({{order.items.0}})',
      { order: { id: 42, items: ['tea'] } },
      'Order 42 (tea)',
    ],
    ['numbers, booleans and bigints', '{{n}} {{b}} {{big}}', { n: 1.5, b: false, big: 10n }, '1.5 false 10'],
    ['dates as ISO strings', '{{at}}', { at: new Date(Date.UTC(2026, 0, 2)) }, '2026-01-02T00:00:00.000Z'],
    ['a fallback when missing', 'Hi {{name|friend}}', {}, 'Hi friend'],
    ['a fallback with spaces', 'Hi {{ name | dear friend }}', {}, 'Hi dear friend'],
    ['the value wins over the fallback', 'Hi {{name|friend}}', { name: 'Ken' }, 'Hi Ken'],
    ['an empty fallback', 'Hi{{name|}}!', {}, 'Hi!'],
    ['null uses the fallback', '{{x|none}}', { x: null }, 'none'],
    ['an object value uses the fallback', '{{x|none}}', { x: { a: 1 } }, 'none'],
    ['not a placeholder', '{{ 1abc }} {x}', {}, '{{ 1abc }} {x}'],
  ])('%s', (_name, template, variables, expected) => {
    expect(renderTemplateString(template, variables)).toBe(expected);
  });

  it('reports missing variables at the given path, or leaves them empty on request', () => {
    const missing: { path: readonly (string | number)[]; message: string }[] = [];
    expect(renderTemplateString('a{{x}}b{{y.z}}', {}, ['parts', 0, 'text'], missing)).toBe('ab');
    expect(missing).toEqual([
      { path: ['parts', 0, 'text'], message: 'missing variable "x"', code: 'missing-variable' },
      { path: ['parts', 0, 'text'], message: 'missing variable "y.z"', code: 'missing-variable' },
    ]);
    const none: never[] = [];
    expect(renderTemplateString('a{{x}}b', {}, [], none, { onMissing: 'empty' })).toBe('ab');
    expect(none).toEqual([]);
  });

  it.each([
    ['__proto__', '{{__proto__}}'],
    ['constructor', '{{constructor}}'],
    ['toString', '{{toString}}'],
    ['an inherited key under a value', '{{name.constructor}}'],
    ['__proto__ under a value', '{{order.__proto__.polluted}}'],
    ['a string method', '{{name.length}}'],
  ])('cannot reach %s (own keys only)', (_name, template) => {
    const missing: ValidationIssue[] = [];
    const variables = { name: 'Mei', order: { id: 1 } };
    expect(renderTemplateString(template, variables, [], missing)).toBe('');
    expect(missing).toHaveLength(1);
  });

  it('an own key named like a prototype member is read', () => {
    const variables = JSON.parse('{"constructor":"own value"}') as Record<string, unknown>;
    expect(renderTemplateString('{{constructor}}', variables)).toBe('own value');
  });
});

describe('renderMessage', () => {
  const message = parseMessageInput({
    parts: [
      { type: 'text', text: 'Hi {{name}}, order {{order.id}} ships {{date|soon}}' },
      { type: 'image', url: 'https://cdn.example.com/{{order.id}}.jpg', altText: 'Order {{order.id}}' },
      {
        type: 'buttons',
        text: 'Track {{order.id}}',
        buttons: [{ type: 'url', label: 'Open {{name}}', url: 'https://shop.example.com/o/{{order.id}}' }],
      },
      {
        type: 'template',
        channel: 'whatsapp',
        name: 'order_{{kind}}',
        language: '{{lang}}',
        parameters: { 1: '{{name}}' },
      },
      { type: 'sticker', packageId: '{{pkg}}', stickerId: '1', fallbackText: 'Hi {{name}}' },
    ],
    metadata: { tags: { campaign: '{{not rendered}}' } },
  });

  it('personalises every text field, not identifiers or metadata', () => {
    const rendered = renderMessage(message, { name: 'Mei', order: { id: 'A7' } });
    expect(rendered.parts).toEqual([
      { type: 'text', text: 'Hi Mei, order A7 ships soon' },
      { type: 'image', url: 'https://cdn.example.com/A7.jpg', altText: 'Order A7' },
      {
        type: 'buttons',
        text: 'Track A7',
        style: 'inline',
        buttons: [{ type: 'url', label: 'Open Mei', url: 'https://shop.example.com/o/A7' }],
      },
      {
        type: 'template',
        channel: 'whatsapp',
        name: 'order_{{kind}}',
        language: '{{lang}}',
        parameters: { 1: 'Mei' },
      },
      { type: 'sticker', packageId: '{{pkg}}', stickerId: '1', fallbackText: 'Hi Mei' },
    ]);
    expect(rendered.metadata).toEqual(message.metadata);
    expect(message.parts[0]).toEqual({
      type: 'text',
      text: 'Hi {{name}}, order {{order.id}} ships {{date|soon}}',
    });
  });

  it('lists every missing variable at once with its field path', () => {
    const error = renderError(message, {});
    expect(error.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['parts.0.text', 'missing variable "name"'],
      ['parts.0.text', 'missing variable "order.id"'],
      ['parts.1.url', 'missing variable "order.id"'],
      ['parts.1.altText', 'missing variable "order.id"'],
      ['parts.2.text', 'missing variable "order.id"'],
      ['parts.2.buttons.0.label', 'missing variable "name"'],
      ['parts.2.buttons.0.url', 'missing variable "order.id"'],
      ['parts.3.parameters.1', 'missing variable "name"'],
      ['parts.4.fallbackText', 'missing variable "name"'],
    ]);
    expect(error.message).toContain('parts[2].buttons[0].label: missing variable "name"');
  });

  it('onMissing: empty renders without throwing', () => {
    const rendered = renderMessage(message, {}, { onMissing: 'empty' });
    expect(rendered.parts[0]).toEqual({ type: 'text', text: 'Hi , order  ships soon' });
  });
});

describe('listMessageVariables', () => {
  it('lists placeholder names without a fallback, sorted and unique, skipping identifiers', () => {
    const message = parseMessageInput({
      parts: [
        { type: 'text', text: '{{name}} {{name}} {{date|soon}} {{ order.id }}' },
        {
          type: 'carousel',
          cards: [{ text: '{{b}}', buttons: [{ type: 'reply', label: '{{a}}', text: 'x' }] }],
        },
        { type: 'template', channel: 'line', name: '{{never}}', parameters: { x: '{{c}}' } },
      ],
    });
    expect(listMessageVariables(message)).toEqual(['a', 'b', 'c', 'name', 'order.id']);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LineMockExchange } from '@omnicast/testing';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Contract oracle for tests: the official LINE OpenAPI specs (../shared/contracts/line/*.yml, read
 * at test time, not copied) compiled with ajv. OpenAPI discriminators become if/then dispatch, so
 * subtype fields (text length types, template actions…) are checked too; `nullable` becomes a null
 * type. The templated PNP push, absent from the spec, is checked against its documented shape.
 */

type Json = Record<string, unknown>;

const here = path.dirname(fileURLToPath(import.meta.url));
/** `../shared/contracts/line` relative to the repository root. */
export const lineContractsDir = path.resolve(here, '../../../../../shared/contracts/line');

const specFiles = ['messaging-api.yml', 'manage-audience.yml', 'webhook.yml'] as const;

function convert(node: unknown, fileId: string, bases: ReadonlySet<string>, inAllOf = false): unknown {
  if (Array.isArray(node)) return node.map((item) => convert(item, fileId, bases, inAllOf));
  if (!node || typeof node !== 'object') return node;
  const source = node as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'discriminator' || key === 'example' || key === 'examples' || key === 'externalDocs')
      continue;
    if (key === '$ref' && typeof value === 'string') {
      const name = value.replace('#/components/schemas/', '');
      const target = inAllOf && bases.has(name) ? `${name}__base` : name;
      out.$ref = `${fileId}#/definitions/${target}`;
      continue;
    }
    if (key === 'allOf' && Array.isArray(value)) {
      out.allOf = value.map((item) => convert(item, fileId, bases, true));
      continue;
    }
    if (key === 'nullable') continue;
    out[key] = convert(value, fileId, bases, false);
  }
  if (source.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    if (out.$ref) return { anyOf: [{ $ref: out.$ref }, { type: 'null' }] };
  }
  return out;
}

function definitionsOf(spec: Json, fileId: string): Json {
  const schemas = ((spec.components as Json | undefined)?.schemas ?? {}) as Json;
  const bases = new Set(
    Object.entries(schemas)
      .filter(
        ([, schema]) => (schema as Json).discriminator && ((schema as Json).discriminator as Json).mapping,
      )
      .map(([name]) => name),
  );
  const definitions: Json = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const converted = convert(schema, fileId, bases) as Json;
    if (!bases.has(name)) {
      definitions[name] = converted;
      continue;
    }
    const discriminator = (schema as Json).discriminator as {
      propertyName: string;
      mapping: Record<string, string>;
    };
    definitions[`${name}__base`] = converted;
    definitions[name] = {
      allOf: [
        { $ref: `${fileId}#/definitions/${name}__base` },
        ...Object.entries(discriminator.mapping).map(([value, ref]) =>
          // `then` is a JSON Schema keyword here, not a thenable.
          Object.fromEntries([
            [
              'if',
              {
                properties: { [discriminator.propertyName]: { const: value } },
                required: [discriminator.propertyName],
              },
            ],
            ['then', { $ref: `${fileId}#/definitions/${ref.replace('#/components/schemas/', '')}` }],
          ]),
        ),
      ],
    };
  }
  return definitions;
}

interface Operation {
  method: string;
  pattern: RegExp;
  template: string;
  requestContent: Json;
  responses: Json;
  fileId: string;
}

const templatedPnpRequest = {
  type: 'object',
  required: ['to', 'templateKey', 'body'],
  properties: {
    to: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    templateKey: { type: 'string', minLength: 1 },
    body: {
      type: 'object',
      properties: {
        emphasizedItem: {
          type: 'object',
          required: ['itemKey', 'content'],
          properties: { itemKey: { type: 'string' }, content: { type: 'string', maxLength: 15 } },
        },
        items: {
          type: 'array',
          maxItems: 15,
          items: {
            type: 'object',
            required: ['itemKey', 'content'],
            properties: { itemKey: { type: 'string' }, content: { type: 'string', maxLength: 300 } },
          },
        },
        buttons: {
          type: 'array',
          maxItems: 2,
          items: {
            type: 'object',
            required: ['buttonKey', 'url'],
            properties: { buttonKey: { type: 'string' }, url: { type: 'string', maxLength: 1000 } },
          },
        },
      },
    },
  },
};

/** The validator: checks bodies and counts what it checked. */
export interface LineContractValidator {
  /** Errors (empty = valid). Throws when no spec operation matches `method path`. */
  checkRequest(method: string, requestPath: string, body: unknown, contentType?: string | null): string[];
  checkResponse(method: string, requestPath: string, status: number, body: unknown): string[];
  /** Checks one mock exchange (request and response) and records any error in `errors`. */
  checkExchange(exchange: LineMockExchange): void;
  /** Errors of a webhook body against webhook.yml `CallbackRequest`. */
  checkWebhookBody(body: unknown): string[];
  /** Issues for the mock's `validateRequest` option (LINE's `details[]` shape). */
  mockRequestIssues(request: {
    method: string;
    route: string;
    body: unknown;
  }): { property: string; message: string }[];
  readonly counts: { requests: number; responses: number };
  readonly errors: string[];
}

/** Form fields are strings on the wire; the spec types them (booleans, int64 ids). */
function coerceFormFields(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === 'true' || value === 'false') out[key] = value === 'true';
    else if (key === 'audienceGroupId' && /^\d+$/.test(value)) out[key] = Number(value);
    else out[key] = value;
  }
  return out;
}

function formatErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((error) =>
    `${error.instancePath || '(root)'} ${error.message ?? ''}`.trim(),
  );
}

/** Builds a validator from the spec files. */
export function createLineContractValidator(): LineContractValidator {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
  const addFormats = addFormatsModule as unknown as (instance: Ajv) => Ajv;
  addFormats(ajv);
  ajv.addFormat('^[0-9]{8}$', /^[0-9]{8}$/);
  ajv.addFormat('JPEG or PNG', true);
  const operations: Operation[] = [];
  for (const file of specFiles) {
    const spec = parse(readFileSync(path.join(lineContractsDir, file), 'utf8')) as Json;
    const fileId = `${file}.json`;
    ajv.addSchema({ $id: fileId, definitions: definitionsOf(spec, fileId) });
    for (const [template, item] of Object.entries(spec.paths as Json)) {
      for (const [method, operation] of Object.entries(item as Json)) {
        if (!['get', 'post', 'put', 'delete'].includes(method)) continue;
        const op = operation as Json;
        const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
        operations.push({
          method: method.toUpperCase(),
          pattern: new RegExp(`^${source}$`),
          template,
          requestContent: ((op.requestBody as Json | undefined)?.content ?? {}) as Json,
          responses: (op.responses ?? {}) as Json,
          fileId,
        });
      }
    }
  }
  const errorResponse = ajv.getSchema('messaging-api.yml.json#/definitions/ErrorResponse')!;
  const cache = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: unknown, fileId: string): ValidateFunction => {
    let validate = cache.get(key);
    if (!validate) {
      validate = ajv.compile(convert(schema, fileId, new Set()) as Json);
      cache.set(key, validate);
    }
    return validate;
  };
  const find = (method: string, requestPath: string): Operation | undefined =>
    operations
      .filter((op) => op.method === method && op.pattern.test(requestPath))
      .sort((a, b) => a.template.split('{').length - b.template.split('{').length)[0];
  const counts = { requests: 0, responses: 0 };
  const errors: string[] = [];

  const checkRequest = (
    method: string,
    requestPath: string,
    body: unknown,
    contentType?: string | null,
  ): string[] => {
    if (method === 'POST' && requestPath === '/v2/bot/message/pnp/templated/push') {
      counts.requests++;
      const validate = compile('templated-pnp', templatedPnpRequest, 'messaging-api.yml.json');
      return validate(body) ? [] : formatErrors(validate);
    }
    const op = find(method, requestPath.replace('/pnp/templated', '/pnp'));
    if (!op) throw new Error(`No LINE spec operation for ${method} ${requestPath}`);
    const mediaTypes = Object.keys(op.requestContent);
    if (mediaTypes.length === 0) {
      counts.requests++;
      return body === undefined ||
        (typeof body === 'object' && body !== null && Object.keys(body).length === 0)
        ? []
        : [`${method} ${requestPath} takes no body`];
    }
    const type = (contentType ?? '').split(';')[0]!.trim();
    const media = mediaTypes.find((candidate) => candidate === type || candidate === '*/*');
    if (!media)
      return [`${method} ${requestPath}: content type ${type} is not one of ${mediaTypes.join(', ')}`];
    counts.requests++;
    const schema = (op.requestContent[media] as Json).schema;
    if (!schema || (schema as Json).format === 'binary') return [];
    const validate = compile(`req ${op.method} ${op.template} ${media}`, schema, op.fileId);
    return validate(body) ? [] : formatErrors(validate);
  };

  const checkResponse = (method: string, requestPath: string, status: number, body: unknown): string[] => {
    counts.responses++;
    if (requestPath === '/v2/bot/message/pnp/templated/push')
      return status === 202 || status >= 400 ? [] : [`unexpected ${status}`];
    const op = find(method, requestPath.replace('/pnp/templated', '/pnp'));
    if (!op) throw new Error(`No LINE spec operation for ${method} ${requestPath}`);
    const declared = op.responses[String(status)] as Json | undefined;
    const jsonSchema = ((declared?.content as Json | undefined)?.['application/json'] as Json | undefined)
      ?.schema;
    if (jsonSchema) {
      const validate = compile(`res ${op.method} ${op.template} ${status}`, jsonSchema, op.fileId);
      return validate(body) ? [] : formatErrors(validate);
    }
    if (status >= 400) return errorResponse(body) ? [] : formatErrors(errorResponse);
    if (!declared) return [`${method} ${requestPath}: status ${status} is not declared by the spec`];
    return [];
  };

  return {
    checkRequest,
    checkResponse,
    checkWebhookBody(body) {
      const validate = ajv.getSchema('webhook.yml.json#/definitions/CallbackRequest')!;
      return validate(body) ? [] : formatErrors(validate);
    },
    counts,
    errors,
    checkExchange(exchange) {
      const label = `${exchange.method} ${exchange.path} → ${exchange.status}`;
      if (exchange.status !== 401 && exchange.status !== 429) {
        const body = exchange.formFields ? coerceFormFields(exchange.formFields) : exchange.requestBody;
        for (const error of checkRequest(exchange.method, exchange.path, body, exchange.contentType))
          errors.push(`request ${label}: ${error}`);
      }
      if (exchange.responseBody instanceof Uint8Array) {
        counts.responses++;
        return;
      }
      for (const error of checkResponse(
        exchange.method,
        exchange.path,
        exchange.status,
        exchange.responseBody ?? {},
      ))
        errors.push(`response ${label}: ${error}`);
    },
    mockRequestIssues(request) {
      if (request.body === undefined) return [];
      const problems = checkRequest(
        request.method,
        request.route.replace(/:(\w+)/g, 'x'),
        request.body,
        'application/json',
      );
      counts.requests--;
      return problems.map((message) => ({
        property: message.split(' ')[0]!.replace(/^\//, '').replace(/\//g, '.'),
        message,
      }));
    },
  };
}

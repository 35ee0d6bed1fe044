import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { checkDependencies, importsOf } from './check-deps-lib.mjs';

const roots: string[] = [];

function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'omnicast-deps-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const manifest = (
  name: string,
  dependencies: Record<string, string> = {},
  devDependencies: Record<string, string> = {},
) => JSON.stringify({ name, dependencies, devDependencies });

const base = {
  'packages/core/package.json': manifest('@omnicast/core', { zod: '4' }),
  'packages/core/src/index.ts':
    "import { z } from 'zod';\nimport { createHmac } from 'node:crypto';\nexport const x = z;\n",
  'packages/line/package.json': manifest(
    '@omnicast/line',
    { '@omnicast/core': 'workspace:^' },
    { '@omnicast/testing': 'workspace:^' },
  ),
  'packages/line/src/index.ts': "import { ApiCallError } from '@omnicast/core';\n",
  'packages/line/src/a.test.ts': "import { createMockServer } from '@omnicast/testing';\n",
  'packages/testing/package.json': manifest('@omnicast/testing', {
    '@omnicast/core': 'workspace:^',
    msw: '2',
  }),
  'packages/testing/src/index.ts':
    "import { http } from 'msw';\nimport type { Channel } from '@omnicast/core';\n",
  'packages/sender/package.json': manifest(
    '@omnicast/sender',
    { '@omnicast/core': 'workspace:^', 'p-queue': '9' },
    { '@omnicast/testing': 'workspace:^' },
  ),
  'packages/sender/src/index.ts': "import PQueue from 'p-queue';\n// import { x } from '@omnicast/line';\n",
  'apps/reference/package.json': manifest('@omnicast/reference', {
    '@omnicast/core': 'workspace:^',
    '@omnicast/line': 'workspace:^',
  }),
  'apps/reference/src/main.ts': "import { createLineChannel } from '@omnicast/line';\n",
};

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('checkDependencies', () => {
  it('passes a tree that follows the rules', () => {
    expect(checkDependencies(fixture(base))).toEqual([]);
  });

  it.each([
    [
      'a channel package importing another channel package',
      {
        'packages/line/src/x.ts': "import { y } from '@omnicast/sms';\n",
        'packages/sms/package.json': manifest('@omnicast/sms'),
      },
      /channel package @omnicast\/line may not import channel package @omnicast\/sms/,
    ],
    [
      'an orchestrator importing a channel package, even in a test',
      { 'packages/sender/src/x.test.ts': "import { createLineChannel } from '@omnicast/line';\n" },
      /orchestrators are tested with MockChannel alone/,
    ],
    [
      'core importing another workspace package',
      { 'packages/core/src/x.ts': "export * from '@omnicast/testing';\n" },
      /@omnicast\/core may not import @omnicast\/testing/,
    ],
    [
      'a deep import',
      { 'packages/line/src/x.ts': "import { y } from '@omnicast/core/src/errors';\n" },
      /deep import @omnicast\/core\/src\/errors/,
    ],
    [
      'an import of an app',
      { 'packages/line/src/x.ts': "import { y } from '@omnicast/reference';\n" },
      /nothing may import apps/,
    ],
    [
      'a confined library used outside its package',
      {
        'packages/line/package.json': manifest('@omnicast/line', {
          '@omnicast/core': 'workspace:^',
          msw: '2',
        }),
        'packages/line/src/x.ts': "import { http } from 'msw';\n",
      },
      /msw belongs inside testing only/,
    ],
    [
      'an undeclared third-party import',
      { 'packages/core/src/x.ts': "const q = require('lodash');\n" },
      /imports lodash which @omnicast\/core does not declare/,
    ],
    [
      'a dev-only workspace package used by production code',
      { 'packages/line/src/x.ts': "import { createMockServer } from '@omnicast/testing';\n" },
      /@omnicast\/line may not import @omnicast\/testing|does not declare/,
    ],
    [
      'a manifest dependency against the direction',
      {
        'packages/core/package.json': manifest('@omnicast/core', {
          zod: '4',
          '@omnicast/line': 'workspace:^',
        }),
      },
      /@omnicast\/core may not depend on @omnicast\/line/,
    ],
  ])('reports %s', (_name, overrides, expected) => {
    const violations: string[] = checkDependencies(fixture({ ...base, ...overrides }));
    expect(violations.some((violation) => expected.test(violation))).toBe(true);
  });
});

describe('importsOf', () => {
  it('finds static, type-only, re-export, dynamic and require imports and ignores comments', () => {
    const source = [
      "import a from 'a';",
      "import type { B } from 'b';",
      "export { c } from 'c';",
      "export * from 'd';",
      "const e = await import('e');",
      "const f = require('f');",
      "// import g from 'g';",
      "/* import h from 'h'; */",
      "import 'i';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'i']);
  });
});

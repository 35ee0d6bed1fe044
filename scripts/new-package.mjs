#!/usr/bin/env node
// Copyable package template: `node scripts/new-package.mjs <name> "<description>"` creates
// packages/<name> with the house-style layout (tsup ESM+CJS+types, vitest, typedoc entry).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [name, description = ''] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error('usage: node scripts/new-package.mjs <kebab-name> "<description>"');
  process.exit(2);
}
const dir = join('packages', name);
if (existsSync(dir)) {
  console.error(`${dir} exists already`);
  process.exit(2);
}
mkdirSync(join(dir, 'src'), { recursive: true });
const pkg = {
  name: `@omnicast/${name}`,
  version: '0.0.0',
  description,
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  engines: { node: '>=20.18.1' },
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.cts',
  exports: {
    '.': {
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './package.json': './package.json',
  },
  files: ['dist'],
  publishConfig: { access: 'public' },
  scripts: {
    build: 'tsup',
    typecheck: 'tsc --noEmit -p tsconfig.json',
  },
  dependencies: {},
  devDependencies: {},
};
const write = (file, text) => writeFileSync(join(dir, file), text);
write('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
write(
  'tsup.config.ts',
  `import { defineConfig } from 'tsup';\n\nexport default defineConfig({\n  entry: ['src/index.ts'],\n  format: ['esm', 'cjs'],\n  dts: true,\n  sourcemap: true,\n  clean: true,\n  target: 'node20',\n});\n`,
);
write(
  'tsconfig.json',
  `${JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', noEmit: true }, include: ['src'] }, null, 2)}\n`,
);
write(
  'vitest.config.ts',
  `import { defineProject } from 'vitest/config';\n\nexport default defineProject({\n  test: { name: '${name}', include: ['src/**/*.test.ts'] },\n});\n`,
);
write('README.md', `# @omnicast/${name}\n\n${description}\n`);
write('src/index.ts', `/**\n * ${description}\n * @module\n */\n`);
console.log(`created ${dir}`);

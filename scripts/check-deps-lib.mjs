// Dependency-direction rules of HOUSE_STYLE §3, as code. Used by check-deps.mjs and its test.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Workspace packages a package's production code may import (besides itself). */
export const allowedWorkspaceImports = {
  core: [],
  line: ['core'],
  whatsapp: ['core'],
  messenger: ['core'],
  sms: ['core'],
  segments: ['core'],
  sender: ['core'],
  fallback: ['core'],
  'store-postgres': ['core'],
  testing: ['core'],
};

/** Channel packages: none may import another, and orchestrators may not import any, even in tests. */
export const channelPackages = ['line', 'whatsapp', 'messenger', 'sms'];
export const orchestrators = ['sender', 'fallback'];

/** Third-party libraries that must stay inside one package's production code. */
export const confinedLibraries = {
  msw: ['testing'],
  'p-queue': ['sender'],
  bottleneck: ['sender'],
  pg: ['store-postgres'],
  '@electric-sql/pglite': ['store-postgres'],
};

const nodeBuiltins = new Set([
  'assert',
  'async_hooks',
  'buffer',
  'child_process',
  'crypto',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'stream/promises',
  'stream/web',
  'timers',
  'timers/promises',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
  'v8',
  'vm',
  'module',
  'querystring',
  'string_decoder',
  'diagnostics_channel',
]);

const importPattern =
  /(?:^|[^\w.$])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function stripComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Module specifiers imported by a source text. */
export function importsOf(source) {
  const out = [];
  for (const match of stripComments(source).matchAll(importPattern)) out.push(match[1] ?? match[2]);
  return out;
}

function packageNameOf(specifier) {
  if (specifier.startsWith('@')) return specifier.split('/').slice(0, 2).join('/');
  return specifier.split('/')[0];
}

function walk(dir, files = []) {
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'coverage') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, files);
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry) && !entry.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

const isTestFile = (path) => /(\.test\.|\.test-d\.|__tests__|__fixtures__|[/\\]bench[/\\])/.test(path);

/**
 * Checks a monorepo root and returns violations as strings (`file: rule`). Empty means clean.
 * @param {string} root
 */
export function checkDependencies(root) {
  const violations = [];
  const workspaces = [];
  for (const group of ['packages', 'apps']) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const manifest = join(base, name, 'package.json');
      if (existsSync(manifest))
        workspaces.push({
          group,
          name,
          dir: join(base, name),
          pkg: JSON.parse(readFileSync(manifest, 'utf8')),
        });
    }
  }
  const byPackageName = new Map(workspaces.map((workspace) => [workspace.pkg.name, workspace]));

  for (const workspace of workspaces) {
    const { group, name, dir, pkg } = workspace;
    const declared = new Set(
      Object.keys(pkg.dependencies ?? {}).concat(Object.keys(pkg.peerDependencies ?? {})),
    );
    const declaredDev = new Set(Object.keys(pkg.devDependencies ?? {}));
    const at = (file) => relative(root, file);

    // Manifest-level direction: production dependencies on workspace packages.
    for (const dep of declared) {
      const target = byPackageName.get(dep);
      if (!target) continue;
      if (target.group === 'apps')
        violations.push(
          `${at(join(dir, 'package.json'))}: depends on app ${dep}; nothing may depend on apps/`,
        );
      else if (group === 'packages' && !(allowedWorkspaceImports[name] ?? ['core']).includes(target.name)) {
        violations.push(`${at(join(dir, 'package.json'))}: ${pkg.name} may not depend on ${dep}`);
      }
    }

    for (const file of walk(join(dir, 'src')).concat(walk(join(dir, 'bench')))) {
      const isTest = isTestFile(file);
      const source = readFileSync(file, 'utf8');
      for (const specifier of importsOf(source)) {
        if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
        if (nodeBuiltins.has(specifier)) continue;
        if (/(^|\/)apps\//.test(specifier)) {
          violations.push(`${at(file)}: imports ${specifier}; nothing may import apps/`);
          continue;
        }
        const packageName = packageNameOf(specifier);
        const target = byPackageName.get(packageName);
        if (target) {
          if (target.group === 'apps')
            violations.push(`${at(file)}: imports app ${packageName}; nothing may import apps/`);
          const rest = specifier.slice(packageName.length);
          if (rest !== '' && rest !== '/internal')
            violations.push(
              `${at(file)}: deep import ${specifier}; import from ${packageName} (or its ./internal export)`,
            );
          if (target.name === name && group === 'packages')
            violations.push(`${at(file)}: imports its own package ${packageName}; use a relative import`);
          if (group === 'packages' && orchestrators.includes(name) && channelPackages.includes(target.name)) {
            violations.push(
              `${at(file)}: ${pkg.name} may not import channel package ${packageName} (orchestrators are tested with MockChannel alone)`,
            );
          } else if (
            group === 'packages' &&
            channelPackages.includes(name) &&
            channelPackages.includes(target.name) &&
            target.name !== name
          ) {
            violations.push(
              `${at(file)}: channel package ${pkg.name} may not import channel package ${packageName}`,
            );
          } else if (
            group === 'packages' &&
            !isTest &&
            target.name !== name &&
            !(allowedWorkspaceImports[name] ?? ['core']).includes(target.name)
          ) {
            violations.push(`${at(file)}: ${pkg.name} may not import ${packageName}`);
          }
          if (
            !declared.has(packageName) &&
            !(isTest && declaredDev.has(packageName)) &&
            target.name !== name
          ) {
            violations.push(`${at(file)}: imports ${packageName} which ${pkg.name} does not declare`);
          }
          continue;
        }
        if (isTest) {
          if (
            !declared.has(packageName) &&
            !declaredDev.has(packageName) &&
            !existsSync(join(root, 'node_modules', packageName))
          ) {
            violations.push(`${at(file)}: imports ${packageName} which is declared nowhere`);
          }
          continue;
        }
        if (!declared.has(packageName))
          violations.push(
            `${at(file)}: imports ${packageName} which ${pkg.name} does not declare in dependencies`,
          );
        const owners = confinedLibraries[packageName];
        if (owners && group === 'packages' && !owners.includes(name)) {
          violations.push(`${at(file)}: ${packageName} belongs inside ${owners.join('/')} only`);
        }
      }
    }
  }
  return violations;
}

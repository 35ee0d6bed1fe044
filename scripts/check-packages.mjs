#!/usr/bin/env node
// publint and `attw --pack` for every published package; fails on any problem.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { publishedPackages, root } from './workspace-packages.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);
let failures = 0;
for (const { name, dir } of publishedPackages()) {
  for (const [tool, args] of [
    ['publint', ['--strict', dir]],
    ['attw', ['--pack', dir, '--format', 'table-flipped']],
  ]) {
    const result = spawnSync(bin(tool), args, { cwd: root, encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`.trim();
    if (result.status !== 0) {
      failures++;
      console.error(`✗ ${tool} ${name}\n${output}\n`);
    } else {
      console.log(`✓ ${tool} ${name}`);
    }
  }
}
if (failures > 0) {
  console.error(`package checks: ${failures} failure(s)`);
  process.exit(1);
}
console.log('package checks: clean');

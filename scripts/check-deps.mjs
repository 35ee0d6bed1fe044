#!/usr/bin/env node
import { dirname, join } from 'node:path';
// Fails when a package imports outside the dependency-direction rules (HOUSE_STYLE §3).
import { fileURLToPath } from 'node:url';
import { checkDependencies } from './check-deps-lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const violations = checkDependencies(root);
if (violations.length > 0) {
  console.error(`dependency-direction check: ${violations.length} violation(s)`);
  for (const violation of violations) console.error(`  ${violation}`);
  process.exit(1);
}
console.log('dependency-direction check: clean');

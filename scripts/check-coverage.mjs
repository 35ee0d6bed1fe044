#!/usr/bin/env node
// Per-package line-coverage thresholds, read from vitest's json-summary (coverage/coverage-summary.json).
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { root } from './workspace-packages.mjs';

/** Line-coverage floors the issues set. */
const thresholds = { core: 90, segments: 95, line: 85, sender: 85, 'store-postgres': 80, testing: 80 };

const summaryPath = join(root, 'coverage', 'coverage-summary.json');
if (!existsSync(summaryPath)) {
  console.error(`no coverage summary at ${summaryPath}; run vitest with --coverage first`);
  process.exit(1);
}
const summary = JSON.parse(readFileSync(summaryPath, 'utf8'));
const totals = new Map();
for (const [file, data] of Object.entries(summary)) {
  if (file === 'total') continue;
  const parts = relative(root, file).split(sep);
  if (parts[0] !== 'packages') continue;
  const entry = totals.get(parts[1]) ?? { covered: 0, total: 0 };
  entry.covered += data.lines.covered;
  entry.total += data.lines.total;
  totals.set(parts[1], entry);
}
let failed = false;
for (const [name, { covered, total }] of [...totals].sort()) {
  const percent = total === 0 ? 100 : (covered / total) * 100;
  const floor = thresholds[name];
  const ok = floor === undefined || percent >= floor;
  if (!ok) failed = true;
  console.log(
    `${ok ? '✓' : '✗'} ${name}: ${percent.toFixed(1)}% lines${floor !== undefined ? ` (floor ${floor}%)` : ''}`,
  );
}
process.exit(failed ? 1 : 0);

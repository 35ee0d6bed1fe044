// Lists the published (non-private) workspace packages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {{ name: string, dir: string, folder: string }[]} */
export function publishedPackages() {
  const base = join(root, 'packages');
  return readdirSync(base)
    .filter((folder) => existsSync(join(base, folder, 'package.json')))
    .map((folder) => ({
      folder,
      dir: join(base, folder),
      pkg: JSON.parse(readFileSync(join(base, folder, 'package.json'), 'utf8')),
    }))
    .filter(({ pkg }) => !pkg.private)
    .map(({ folder, dir, pkg }) => ({ name: pkg.name, dir, folder }));
}

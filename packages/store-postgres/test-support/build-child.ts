import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** A crash-test child compiled to plain JavaScript, so each start costs no TypeScript loader. */
export interface BuiltChild {
  script: string;
  remove(): Promise<void>;
}

/**
 * Transpiles the child script and the package sources it imports into a temporary folder inside the
 * package (so `node_modules` resolution still works).
 */
export async function buildCrashChild(): Promise<BuiltChild> {
  const outDir = await mkdtemp(join(packageDir, '.crash-child-'));
  const sources = [
    ...(await readdir(join(packageDir, 'src')))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => join('src', file)),
    join('test-support', 'crash-child.ts'),
    join('test-support', 'inbox-channel.ts'),
  ];
  for (const source of sources) {
    const text = await readFile(join(packageDir, source), 'utf8');
    const { outputText } = ts.transpileModule(text, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: source,
    });
    const target = join(outDir, source.replace(/\.ts$/, '.js'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, outputText);
  }
  return {
    script: join(outDir, 'test-support', 'crash-child.js'),
    remove: () => rm(outDir, { recursive: true, force: true }),
  };
}

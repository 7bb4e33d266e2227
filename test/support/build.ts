import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** The newest change to what the build compiles (specs are not built). */
function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
    else if (!entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The CLI runs from dist/. `npm test` builds first (pretest); a bare `npx jest` after an edit would
 * test stale code, so build here when dist/ is missing or older than src/.
 */
export function ensureBuilt(): void {
  const main = join(ROOT, 'dist', 'cli', 'main.js');
  let builtMs = 0;
  try {
    builtMs = statSync(main).mtimeMs;
  } catch {
    builtMs = 0;
  }
  if (builtMs >= newestSourceMs(join(ROOT, 'src'))) return;
  const build = spawnSync('npx', ['--no-install', 'nest', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}

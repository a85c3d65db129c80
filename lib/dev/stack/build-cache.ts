import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Content-hash build cache for `npm start`: a build step is skipped when the files it reads hash to what they
 * hashed when it last succeeded here, and its outputs are still the ones it wrote. Timestamps are never
 * trusted (a checkout, a rebase or a copy changes them without changing the content).
 */

/** One build step: the files it reads and the files it writes. Paths are relative to the project root. */
export interface BuildStep {
  name: string;
  /** Files or folders (walked recursively) whose content decides whether the step must run again. */
  inputs: readonly string[];
  /** Files the step writes that later steps use: all must exist, and be the ones this step last wrote. */
  outputs: readonly string[];
  /** Files inside input folders that do not affect the output (tests, for instance). */
  ignore?: (relativePath: string) => boolean;
}

interface StepRecord {
  /** sha256 over the inputs' paths and contents when the step last succeeded. */
  inputs: string;
  /** sha256 over the outputs it wrote then: a build run by hand since then makes it differ. */
  outputs: string;
  builtAt: string;
}

interface BuildCache {
  version: 1;
  steps: Record<string, StepRecord>;
}

type BuildDecision =
  { rebuild: false; inputs: string; builtAt: string } | { rebuild: true; inputs: string; reason: string };

/** Default place of the cache, beside the logs, in the ignored .carbook/ folder. */
export const BUILD_CACHE_FILE = path.join('.carbook', 'build-cache.json');

function filesUnder(root: string, relative: string, ignore: (p: string) => boolean, into: string[]): void {
  const absolute = path.join(root, relative);
  if (!existsSync(absolute)) return;
  if (statSync(absolute).isDirectory()) {
    for (const name of readdirSync(absolute).sort()) {
      filesUnder(root, path.posix.join(relative, name), ignore, into);
    }
  } else if (!ignore(relative)) {
    into.push(relative);
  }
}

/**
 * One digest over the listed files and folders: each file's path and content, in a stable order. A missing
 * input counts as its own state, so creating it later changes the digest.
 */
function hashFiles(root: string, entries: readonly string[], ignore: (p: string) => boolean = () => false) {
  const digest = createHash('sha256');
  for (const entry of [...entries].sort()) {
    const files: string[] = [];
    filesUnder(root, entry, ignore, files);
    if (files.length === 0) digest.update(`${entry}\0absent\0`);
    for (const file of files) {
      digest.update(`${file}\0`);
      digest.update(
        createHash('sha256')
          .update(readFileSync(path.join(root, file)))
          .digest(),
      );
    }
  }
  return digest.digest('hex');
}

export function readBuildCache(file: string): BuildCache {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<BuildCache>;
    if (parsed.version !== 1 || typeof parsed.steps !== 'object' || parsed.steps === null)
      return { version: 1, steps: {} };
    return { version: 1, steps: parsed.steps };
  } catch {
    // No cache yet, or an unreadable one: everything is rebuilt once, which is always correct.
    return { version: 1, steps: {} };
  }
}

/** Whether `step` must run: never built here, inputs changed, an output missing, or an output replaced. */
export function decideBuild(root: string, step: BuildStep, cache: BuildCache): BuildDecision {
  const inputs = hashFiles(root, step.inputs, step.ignore);
  const record = cache.steps[step.name];
  if (!record) return { rebuild: true, inputs, reason: 'no earlier build recorded in this checkout' };
  if (record.inputs !== inputs) return { rebuild: true, inputs, reason: 'its inputs changed since the last build' };
  const missing = step.outputs.find((output) => !existsSync(path.join(root, output)));
  if (missing) return { rebuild: true, inputs, reason: `its output ${missing} is missing` };
  if (hashFiles(root, step.outputs) !== record.outputs) {
    return { rebuild: true, inputs, reason: 'its output was rebuilt or edited outside this cache' };
  }
  return { rebuild: false, inputs, builtAt: record.builtAt };
}

/**
 * Records a successful build of `step` from inputs that hashed to `inputs` (hashed before the build ran, so an
 * edit made during the build is seen next time). Re-reads the file so steps recorded meanwhile are kept.
 */
export function recordBuild(root: string, file: string, step: BuildStep, inputs: string, now = new Date()): void {
  const cache = readBuildCache(file);
  cache.steps[step.name] = { inputs, outputs: hashFiles(root, step.outputs), builtAt: now.toISOString() };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(cache, null, 2)}\n`);
}

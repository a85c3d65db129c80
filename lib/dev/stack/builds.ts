import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { BUILD_CACHE_FILE, decideBuild, readBuildCache, recordBuild, type BuildStep } from './build-cache';
import { foundryBinary } from './tools';

/** Where the builds and the services write their output; the terminal only shows a summary. */
export const LOG_DIR = path.join('.carbook', 'logs');

interface Command {
  command: string;
  args: string[];
}

interface StackBuild extends BuildStep {
  /** What a person reads in the start-up summary. */
  label: string;
  /** The commands, in order; their output goes to `log`. */
  commands: Command[];
  log: string;
}

const bin = (tool: string) => path.resolve('node_modules', '.bin', tool);

/** The artifacts lib/dev/stack/deploy*.ts deploys from. */
const DEPLOYED_ARTIFACTS = ['Consortium', 'CarBook', 'Insurance', 'DocumentAnchor', 'KeyRegistry', 'ERC1967Proxy'].map(
  (contract) => `contracts/out/${contract}.sol/${contract}.json`,
);

/**
 * The two builds `npm start` and the end-to-end tests need, with what each reads. The lockfile stands for every
 * tool and library version (solc-js, forge, OpenZeppelin, Next, React, wagmi...).
 */
export const STACK_BUILDS: readonly StackBuild[] = [
  {
    name: 'contracts',
    label: 'contracts and typed bindings',
    inputs: ['contracts/src', 'foundry.toml', 'contracts/tools', 'package-lock.json', 'wagmi.config.ts'],
    outputs: [...DEPLOYED_ARTIFACTS, 'lib/browser/contracts/generated.ts'],
    commands: [
      { command: foundryBinary('forge'), args: ['build'] },
      { command: bin('wagmi'), args: ['generate'] },
    ],
    log: path.join(LOG_DIR, 'contracts.log'),
  },
  {
    name: 'app',
    label: 'dApp static export',
    // lib/browser holds the generated bindings, so a contract change that alters an ABI rebuilds the dApp too.
    inputs: [
      'app',
      'lib/browser',
      'public',
      'next.config.js',
      'tsconfig.json',
      'package-lock.json',
      'lib/dev/stack/csp.ts',
    ],
    ignore: (file) => /\.test\.tsx?$|\.md$/.test(file),
    outputs: ['out/index.html', 'out/csp-hashes.json'],
    commands: [
      { command: bin('next'), args: ['build'] },
      // Post-build: the inline scripts' hashes for the Content-Security-Policy, precompressed assets.
      { command: bin('tsx'), args: ['lib/dev/stack/csp.ts', 'post-build', '--dir', 'out'] },
    ],
    log: path.join(LOG_DIR, 'app.log'),
  },
];

export class BuildFailedError extends Error {
  constructor(
    readonly build: StackBuild,
    readonly exit: string,
  ) {
    super(`The ${build.label} build failed (${exit}); its output is in ${build.log}`);
  }
}

function runLogged(build: StackBuild, signal?: AbortSignal): Promise<void> {
  mkdirSync(path.dirname(build.log), { recursive: true });
  const fd = openSync(build.log, 'w');
  const runOne = (step: Command) =>
    new Promise<void>((resolve, reject) => {
      writeSync(fd, `$ ${path.basename(step.command)} ${step.args.join(' ')}\n`);
      const child = spawn(step.command, step.args, {
        stdio: ['ignore', fd, fd],
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
        signal,
      });
      child.once('error', reject);
      child.once('exit', (code, killedBy) => {
        if (code === 0) resolve();
        else reject(new BuildFailedError(build, killedBy ? `stopped by ${killedBy}` : `exit code ${code}`));
      });
    });
  return build.commands
    .reduce((previous, step) => previous.then(() => runOne(step)), Promise.resolve())
    .finally(() => closeSync(fd));
}

interface BuildOutcome {
  build: StackBuild;
  /** Why it ran, or undefined when the cache let it be skipped. */
  reason?: string;
  seconds?: number;
}

/**
 * Runs each build whose inputs changed (or whose output is gone), in order, each into its log file, and records
 * it in the cache once it succeeded. Throws BuildFailedError on the first failure; aborting `signal` stops the
 * running build.
 */
export async function buildWhatChanged(
  options: {
    signal?: AbortSignal;
    onStart?: (build: StackBuild, reason: string) => void;
    onDone?: (outcome: BuildOutcome) => void;
  } = {},
): Promise<BuildOutcome[]> {
  // Run from the project root, like every npm script.
  const root = process.cwd();
  const cacheFile = path.join(root, BUILD_CACHE_FILE);
  const outcomes: BuildOutcome[] = [];
  for (const build of STACK_BUILDS) {
    // Decided one at a time: the contracts build rewrites the bindings that the dApp build reads.
    const decision = decideBuild(root, build, readBuildCache(cacheFile));
    if (!decision.rebuild) {
      outcomes.push({ build });
      options.onDone?.({ build });
      continue;
    }
    options.onStart?.(build, decision.reason);
    const started = performance.now();
    await runLogged(build, options.signal);
    recordBuild(root, cacheFile, build, decision.inputs);
    outcomes.push({ build, reason: decision.reason, seconds: (performance.now() - started) / 1000 });
    options.onDone?.(outcomes.at(-1)!);
  }
  return outcomes;
}

/** One line when a build starts and one when it ends or is skipped: what `npm start` and `npm run build` show. */
export function progressLines(print: (line: string) => void) {
  return {
    onStart: (build: StackBuild, reason: string) => print(`… ${build.label}: building, ${reason} (${build.log})`),
    onDone: ({ build, reason, seconds }: BuildOutcome) =>
      print(
        reason === undefined
          ? `✓ ${build.label}: unchanged, build skipped`
          : `✓ ${build.label}: built in ${seconds!.toFixed(0)} s`,
      ),
  };
}

/** The last lines of a log file, to show a person why something failed without sending them looking. */
export function logTail(file: string, lines = 30): string {
  try {
    const text = readFileSync(file, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}

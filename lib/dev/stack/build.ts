/**
 * `npm run build` (and the first half of `npm run test:e2e`): the contracts, their typed bindings and the static
 * dApp, each rebuilt only when its inputs changed since its last build here. Output goes to .carbook/logs/;
 * a failing build prints its log's last lines and exits non-zero.
 */
import path from 'node:path';
import { BuildFailedError, buildWhatChanged, logTail, progressLines } from './builds';

try {
  await buildWhatChanged(progressLines(console.log));
} catch (error) {
  if (!(error instanceof BuildFailedError)) throw error;
  console.error(
    `✖ ${error.message}. Its last lines:\n${logTail(path.resolve(error.build.log)).replace(/^/gm, '    ')}`,
  );
  process.exit(1);
}

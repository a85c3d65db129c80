import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Path of a Foundry binary shipped in the npm platform package. Spawning the binary itself (not the
 * JS wrapper in node_modules/.bin, nor npx) means killing the child really ends the process.
 */
export function foundryBinary(tool: 'anvil' | 'forge' | 'cast'): string {
  const platform = `${process.platform === 'win32' ? 'win32' : process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
  try {
    const pkg = require.resolve(`@foundry-rs/${tool}-${platform}/package.json`);
    const binary = path.join(path.dirname(pkg), 'bin', process.platform === 'win32' ? `${tool}.exe` : tool);
    if (existsSync(binary)) return binary;
  } catch {
    // fall through to the wrapper
  }
  return path.resolve('node_modules', '.bin', tool);
}

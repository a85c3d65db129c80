import { defineConfig } from '@wagmi/cli';
import { foundry } from '@wagmi/cli/plugins';

// Typed ABIs flow from the forge build into one generated file; never hand-write an ABI.
export default defineConfig({
  out: 'lib/browser/contracts/generated.ts',
  plugins: [
    foundry({
      project: '.',
      artifacts: 'contracts/out',
      include: [
        'CarBook.sol/**',
        'Consortium.sol/**',
        'Insurance.sol/**',
        'DocumentAnchor.sol/**',
        'KeyRegistry.sol/**',
      ],
      forge: { build: false },
    }),
  ],
});

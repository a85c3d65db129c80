/** Shared fixtures and fast-check arbitraries for the lib/browser/crypto tests and vector generation (test-only). */
import fc from 'fast-check';
import type { Hex } from '../../browser/crypto/bytes';
import type { DocumentRef, RecordPayload } from '../../browser/crypto/payload';
import type { EpochContext } from '../../browser/crypto/wrap';

export const ANVIL_KEY_0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const;
export const ANVIL_KEY_1 = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d' as const;
export const CAR_BOOK: Hex = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
export const CONSORTIUM: Hex = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
export const KEY_REGISTRY: Hex = '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9';
/** The reading-key EIP-712 domain of the fixed test consortium on `chainId`. */
export const readingKeyDomain = (chainId = 31337) => ({ chainId, keyRegistry: KEY_REGISTRY, consortium: CONSORTIUM });

const NO_CONTROL = /[\p{Cc}\u2028\u2029]/u; // \p{Cc}: U+0000-U+001F and U+007F-U+009F

export const bytes32 = () => fc.uint8Array({ minLength: 32, maxLength: 32 });
export const address = () =>
  fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => ('0x' + Buffer.from(b).toString('hex')) as Hex);

export const epochContext = (): fc.Arbitrary<EpochContext> =>
  fc.record({
    chainId: fc.oneof(fc.integer({ min: 1, max: 2 ** 40 }), fc.bigInt({ min: 1n, max: (1n << 256n) - 1n })),
    carBook: address(),
    tokenId: fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
    epoch: fc.integer({ min: 0, max: 0xffff_ffff }),
  });

const oneLine = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength }).filter((s) => !NO_CONTROL.test(s));
const multiLine = (maxLength: number) =>
  fc.string({ unit: 'grapheme', maxLength }).filter((s) => !/(?![\t\n])\p{Cc}/u.test(s));

export const documentRef = (): fc.Arbitrary<DocumentRef> =>
  fc.record({
    cid: fc.stringMatching(/^[A-Za-z0-9]{1,60}$/),
    key: bytes32(),
    sha256: bytes32(),
    name: oneLine(30).filter((s) => s.length > 0 && !/[/\\]/.test(s)),
    mime: fc.constantFrom(
      'application/pdf',
      'image/jpeg',
      'image/png',
      'text/plain',
      'application/vnd.oasis.opendocument.text',
    ),
    size: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  });

export const recordPayload = (): fc.Arbitrary<RecordPayload> =>
  fc.record({
    label: oneLine(40),
    details: multiLine(200),
    documents: fc.array(documentRef(), { maxLength: 3 }),
  });

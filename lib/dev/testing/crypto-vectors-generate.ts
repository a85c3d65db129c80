/**
 * Builds the known-answer vectors in this folder from fixed keys and fixed randomness (scripted through
 * the test-only randomness hook). `tsx lib/dev/testing/crypto-vectors-generate.ts` rewrites the JSON files;
 * `vectors.test.ts` rebuilds them in memory, checks they equal the committed files, and re-verifies
 * each one with tweetnacl and @noble/hashes directly (no lib/browser/crypto code), as another implementation would.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256 } from '@noble/hashes/sha2.js';
import { hashTypedData } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { fromHex, toHex, type Hex } from '../../browser/crypto/bytes';
import { encryptDocument } from '../../browser/crypto/document';
import {
  encryptionKeyTypedData,
  encryptionKeyTypedDataJson,
  keyPairFromSecretKey,
  keyPairFromSignature,
} from '../../browser/crypto/keys';
import { wrapOrgKeyForStaff } from '../../browser/crypto/org';
import { encodePayload, encryptPayload, type RecordPayload } from '../../browser/crypto/payload';
import { createShareLink } from '../../browser/crypto/share';
import { scriptedRandom, seededRandom, withRandom } from '../../browser/crypto/testing';
import { ANVIL_KEY_0, CAR_BOOK, CONSORTIUM, readingKeyDomain } from './crypto-testkit';
import {
  epochContextHash,
  orgContextHash,
  wrapEpochKey,
  type EpochContext,
  type OrgContext,
} from '../../browser/crypto/wrap';

const fixed = (label: string, n: number) => seededRandom(`carbook-ledger vectors: ${label}`)(n);

export function documentPattern(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + (i >> 8)) & 0xff;
  return out;
}

async function keyDerivation() {
  const account = privateKeyToAccount(ANVIL_KEY_0);
  const cases = [];
  for (const chainId of [31337, 1]) {
    const typedData = encryptionKeyTypedData(readingKeyDomain(chainId), account.address);
    const signature = await account.signTypedData(typedData);
    const pair = keyPairFromSignature(signature);
    cases.push({
      privateKey: ANVIL_KEY_0,
      account: account.address,
      chainId,
      eth_signTypedData_v4: JSON.parse(encryptionKeyTypedDataJson(readingKeyDomain(chainId), account.address)),
      digest: hashTypedData(typedData),
      signature,
      x25519SecretKey: toHex(pair.secretKey),
      x25519PublicKey: toHex(pair.publicKey),
    });
  }
  return {
    description:
      'Reading key derivation: secret = HKDF-SHA256(ikm = 65-byte signature (low s, v in {27,28}), salt = "carbook-ledger/v1/reader-key-salt", info = "carbook-ledger/v1/x25519-reader-key", 32); public = X25519(secret, 9). Signatures are RFC 6979 (viem privateKeyToAccount).',
    kdf: {
      hash: 'sha256',
      salt: 'carbook-ledger/v1/reader-key-salt',
      info: 'carbook-ledger/v1/x25519-reader-key',
      length: 32,
    },
    cases,
  };
}

function epochWraps() {
  const contexts: EpochContext[] = [
    { chainId: 31337, carBook: CAR_BOOK, tokenId: 0x1234n, epoch: 0 },
    { chainId: 1337n, carBook: CAR_BOOK, tokenId: (1n << 256n) - 1n, epoch: 0xffff_fffe },
  ];
  const cases = contexts.map((context, i) => {
    const reader = keyPairFromSecretKey(fixed(`epoch reader ${i}`, 32));
    const epochKey = fixed(`epoch key ${i}`, 32);
    const ephemeralSecretKey = fixed(`epoch ephemeral ${i}`, 32);
    const nonce = fixed(`epoch nonce ${i}`, 24);
    const wrap = withRandom(scriptedRandom([ephemeralSecretKey, nonce]), () =>
      wrapEpochKey(epochKey, reader.publicKey, context),
    );
    return {
      context: {
        chainId: context.chainId.toString(),
        carBook: context.carBook,
        tokenId: '0x' + context.tokenId.toString(16),
        epoch: context.epoch,
      },
      readerSecretKey: toHex(reader.secretKey),
      readerPublicKey: toHex(reader.publicKey),
      epochKey: toHex(epochKey),
      ephemeralSecretKey: toHex(ephemeralSecretKey),
      nonce: toHex(nonce),
      contextHash: toHex(epochContextHash(context, reader.publicKey)),
      wrap: toHex(wrap),
    };
  });
  return {
    description:
      'Epoch key wrap v1 (137 bytes) = 0x01 | ephemeral X25519 public key (32) | nonce (24) | nacl.box(contextHash || epochKey, nonce, readerPublicKey, ephemeralSecretKey). contextHash = sha256("carbook-ledger/v1/epoch-key-wrap\\0" | chainId uint256 BE | carBook 20 bytes | tokenId uint256 BE | epoch uint32 BE | readerPublicKey 32).',
    cases,
    mustFail: [{ case: 0, openWithContext: { ...cases[0].context, epoch: 1 }, error: 'context-mismatch' }],
  };
}

function orgWraps() {
  const org = keyPairFromSecretKey(fixed('org secret', 32));
  const staff = keyPairFromSecretKey(fixed('org staff', 32));
  const context: OrgContext = {
    chainId: 31337,
    consortium: CONSORTIUM,
    orgId: 7,
    keyVersion: 2,
    orgPublicKey: org.publicKey,
  };
  const ephemeralSecretKey = fixed('org ephemeral', 32);
  const nonce = fixed('org nonce', 24);
  const wrap = withRandom(scriptedRandom([ephemeralSecretKey, nonce]), () =>
    wrapOrgKeyForStaff(org.secretKey, staff.publicKey, context),
  );
  return {
    description:
      'Organisation key wrap v1: same 137-byte layout as the epoch wrap; contextHash = sha256("carbook-ledger/v1/org-key-wrap\\0" | chainId uint256 BE | consortium 20 bytes | orgId uint32 BE | keyVersion uint32 BE | orgPublicKey 32 | staffPublicKey 32).',
    cases: [
      {
        context: {
          chainId: '31337',
          consortium: CONSORTIUM,
          orgId: 7,
          keyVersion: 2,
          orgPublicKey: toHex(org.publicKey),
        },
        orgSecretKey: toHex(org.secretKey),
        staffSecretKey: toHex(staff.secretKey),
        staffPublicKey: toHex(staff.publicKey),
        ephemeralSecretKey: toHex(ephemeralSecretKey),
        nonce: toHex(nonce),
        contextHash: toHex(orgContextHash(context, staff.publicKey)),
        wrap: toHex(wrap),
      },
    ],
  };
}

type JsonPayload = {
  label: string;
  details: string;
  documents: { cid: string; key: Hex; sha256: Hex; name: string; mime: string; size: number }[];
};

export function payloadFromJson(p: JsonPayload): RecordPayload {
  return {
    ...p,
    documents: p.documents.map((d) => ({ ...d, key: fromHex(d.key, 32), sha256: fromHex(d.sha256, 32) })),
  };
}

function payloads() {
  const inputs: { epoch: number; payload: JsonPayload }[] = [
    { epoch: 0, payload: { label: '', details: '', documents: [] } },
    {
      epoch: 3,
      payload: {
        label: 'Vidange 60 000 km',
        details: 'Huile 5W30 (4,5 L), filtre à huile.\nProchain entretien: 80 000 km.',
        documents: [
          {
            cid: 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o',
            key: toHex(fixed('payload doc key', 32)),
            sha256: '0xa948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447',
            name: 'facture-2026-03-14.pdf',
            mime: 'application/pdf',
            size: 12,
          },
        ],
      },
    },
  ];
  const cases = inputs.map(({ epoch, payload }, i) => {
    const epochKey = fixed(`payload epoch key ${i}`, 32);
    const nonce = fixed(`payload nonce ${i}`, 24);
    const p = payloadFromJson(payload);
    const encrypted = withRandom(scriptedRandom([nonce]), () => encryptPayload(p, epochKey, epoch));
    return {
      epoch,
      payload,
      epochKey: toHex(epochKey),
      nonce: toHex(nonce),
      plaintext: toHex(encodePayload(p, epoch)),
      encrypted: toHex(encrypted),
    };
  });
  return {
    description:
      'Record payload v1 = 0x01 | epoch uint32 BE | nonce (24) | nacl.secretbox(plaintext, nonce, epochKey). plaintext = 0x01 | epoch uint32 BE | label (uint16 len | UTF-8) | details (uint16 len | UTF-8) | count uint8 | documents (cid uint8 len | ASCII, key 32, sha256 32, name uint8 len | UTF-8, mime uint8 len | ASCII, size uint64 BE) | zero padding to a multiple of 64 bytes (max 4051).',
    cases,
  };
}

function documents() {
  const sizes = [0, 100, 150_000];
  const cases = sizes.map((size, i) => {
    const key = fixed(`document key ${i}`, 32);
    const baseNonce = fixed(`document nonce ${i}`, 19);
    const enc = withRandom(scriptedRandom([baseNonce]), () => encryptDocument(documentPattern(size), key));
    return {
      plainLength: size,
      plainSha256: toHex(enc.sha256),
      key: toHex(key),
      baseNonce: toHex(baseNonce),
      ciphertextLength: enc.ciphertext.length,
      ...(size <= 100 ? { ciphertext: toHex(enc.ciphertext) } : {}),
      ciphertextSha256: toHex(sha256(enc.ciphertext)),
    };
  });
  return {
    description:
      'Document v1 = 0x01 | baseNonce (19) | chunks; chunk i = nacl.secretbox(plain[i*65536 .. (i+1)*65536), baseNonce | i uint32 BE | final flag (1 on the last chunk else 0), key); an empty document is one empty final chunk. Plain bytes: byte j = (j*31 + (j>>8)) & 255.',
    cases,
  };
}

function share() {
  const secret = fixed('share secret', 32);
  const epochKeys = [0, 1].map((epoch) => ({ epoch, key: fixed(`share epoch key ${epoch}`, 32) }));
  const randomness = [
    secret,
    ...epochKeys.flatMap(({ epoch }) => [fixed(`share ephemeral ${epoch}`, 32), fixed(`share nonce ${epoch}`, 24)]),
  ];
  const tokenIdHex = ('0x' + '00'.repeat(31) + '2a') as Hex;
  const link = withRandom(scriptedRandom(randomness), () =>
    createShareLink('https://carbook.example/verify/', tokenIdHex, epochKeys, {
      chainId: 31337,
      carBook: CAR_BOOK,
      tokenId: 42n,
    }),
  );
  return {
    description:
      'Share link: <baseUrl>?book=<tokenId 0x+64 hex>#k=<base64url(32-byte X25519 secret)>; the link key is a reader: its epoch wraps follow the epoch wrap format.',
    baseUrl: 'https://carbook.example/verify/',
    tokenIdHex,
    context: { chainId: '31337', carBook: CAR_BOOK, tokenId: '0x2a' },
    shareSecretKey: toHex(secret),
    url: link.url,
    readerPublicKey: toHex(link.readerPublicKey),
    epochKeys: epochKeys.map(({ epoch, key }) => ({ epoch, key: toHex(key) })),
    wraps: link.wraps.map(({ epoch, wrap }) => ({ epoch, wrap: toHex(wrap) })),
  };
}

export async function buildVectors(): Promise<Record<string, unknown>> {
  return {
    'key-derivation.json': await keyDerivation(),
    'epoch-wrap.json': epochWraps(),
    'org-wrap.json': orgWraps(),
    'payload.json': payloads(),
    'document.json': documents(),
    'share.json': share(),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const vectors = await buildVectors();
  for (const [name, content] of Object.entries(vectors)) {
    writeFileSync(
      new URL(`../../browser/crypto/vectors/${name}`, import.meta.url),
      JSON.stringify(content, null, 2) + '\n',
    );
    console.log(`wrote lib/browser/crypto/vectors/${name}`);
  }
}

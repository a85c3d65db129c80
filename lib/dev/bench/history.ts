/**
 * `npm run bench:history [-- --json] [-- --runs N] [-- --records N]`: what reading a long book costs the buyer's
 * page, on anvil through the real RPC whitelist proxy.
 *
 *   history.verify1000.ms          readBookHistory of a 1,000-record book: state, heads and the book's block
 *                                  index pinned to one block, the listed blocks' logs fetched with single-block
 *                                  eth_getLogs (the records are spread over ~20,000 blocks; `--spread`), hash
 *                                  chain verified
 *   history.verifyDecrypt1000.ms   the same plus the owner's key ring (wrap events) and every payload decrypted
 *
 * Records carry encrypted payloads of a realistic size (label + a few lines of details, 256 bytes encrypted).
 * Each figure is the median wall-clock time of `--runs` timed runs (default 7) after one warm-up run; the
 * table also shows the median process CPU time. `--json` prints one {"metric","value","unit"} object per line.
 * Target: history.verify1000.ms ≤ 1,000 ms.
 */
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  keccak256,
  toHex as viemToHex,
  zeroAddress,
  type Hex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { carBookAbi, keyRegistryAbi } from '../../browser/contracts/generated';
import { RecordKind } from '../../browser/contracts/roles';
import { demoAccounts } from '../stack/accounts';
import { DEMO_WMI_HEX, localChain } from '../stack/deploy';
import { bookIdFromParts } from '../../browser/vin';
import { readBookHistory } from '../../browser/history/read';
import { encryptPayload, newEpochKey, toHex, wrapEpochKey } from '../../browser/crypto';
import { keyPairFromSignature, encryptionKeyTypedData } from '../../browser/crypto/keys';
import { readPrivateHistory } from '../../browser/privacy/history';
import { bookContext } from '../../browser/privacy/chain';
import { startPrivacyStack } from '../testing/privacy-stack';
import { argValue, median, timeRuns as time, type Metric } from './measure';

async function anvilRpc(url: string, method: string, params: unknown[]) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await response.json()) as { error?: { message: string }; result?: unknown };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

async function main() {
  const json = process.argv.includes('--json');
  const runs = Number(argValue('--runs') ?? 7);
  const count = Number(argValue('--records') ?? 1000);
  // Empty blocks mined after every 100 records: 1,900 spreads 1,000 records over ~20,000 blocks (4 windows).
  const spread = Number(argValue('--spread') ?? 1_900);
  const log = (line: string) => (json ? undefined : console.error(line));

  const stack = await startPrivacyStack({ seed: false });
  try {
    const accounts = demoAccounts();
    // Setup goes to anvil directly (fast, no rate limits); only the measured reads go through the proxy.
    const chain = localChain(31337, stack.anvil.url);
    const direct = createPublicClient({ chain, transport: http(stack.anvil.url) });
    const wallet = (role: 'dealer' | 'alice') =>
      createWalletClient({
        chain,
        transport: http(stack.anvil.url),
        account: privateKeyToAccount(accounts[role].privateKey),
      });
    const alice = wallet('alice');
    const aliceSignature = await alice.signTypedData(encryptionKeyTypedData(31337, accounts.alice.address));
    const aliceKeys = keyPairFromSignature(aliceSignature);

    const commitment = keccak256(viemToHex('bench: a long history'));
    const tokenId = bookIdFromParts(DEMO_WMI_HEX, commitment);
    await direct.waitForTransactionReceipt({
      hash: await wallet('dealer').writeContract({
        address: stack.config.contracts.carBook,
        abi: carBookAbi,
        functionName: 'createCarBook',
        args: [DEMO_WMI_HEX, commitment, accounts.alice.address, zeroAddress, 'bench'],
      }),
    });
    const epochKey = newEpochKey();
    const context = { ...bookContext(stack.config, tokenId), epoch: 0 };
    await direct.waitForTransactionReceipt({
      hash: await alice.writeContract({
        address: stack.config.contracts.keyRegistry,
        abi: keyRegistryAbi,
        functionName: 'publishEpochWraps',
        args: [tokenId, 0, [toHex(aliceKeys.publicKey)], [toHex(wrapEpochKey(epochKey, aliceKeys.publicKey, context))]],
      }),
    });

    log(`Writing ${count} records…`);
    const writing = performance.now();
    let nonce = await direct.getTransactionCount({ address: accounts.alice.address });
    const gasPrice = await direct.getGasPrice();
    let last: Hex = '0x';
    // 100 records a block (anvil slows down with one block per transaction), then empty blocks between
    // batches to spread the history over many blocks, as months of a real chain would.
    await anvilRpc(stack.anvil.url, 'evm_setAutomine', [false]);
    for (let i = 0; i < count; i++) {
      const payload = encryptPayload(
        {
          label: `Service ${i + 1}`,
          details: `Oil and filter changed, brake fluid checked.\nNext service in 15,000 km.`,
          documents: [],
        },
        epochKey,
        0,
      );
      last = await alice.sendTransaction({
        to: stack.config.contracts.carBook,
        data: encodeFunctionData({
          abi: carBookAbi,
          functionName: 'appendRecord',
          args: [tokenId, BigInt(1_000 + i * 150), RecordKind.Service, `0x${'0'.repeat(64)}`, toHex(payload)],
        }),
        nonce: nonce++,
        gas: 300_000n,
        gasPrice,
      });
      if (i % 100 === 99 || i === count - 1) {
        await anvilRpc(stack.anvil.url, 'evm_mine', []);
        if (spread > 0) await anvilRpc(stack.anvil.url, 'anvil_mine', [viemToHex(spread)]);
        log(`  ${i + 1} records (${((performance.now() - writing) / 1000).toFixed(1)} s)`);
      }
    }
    await anvilRpc(stack.anvil.url, 'evm_setAutomine', [true]);
    const receipt = await direct.waitForTransactionReceipt({ hash: last });
    if (receipt.status !== 'success') throw new Error('a bench record was refused');

    const viaProxy = stack.publicClient;
    const sanity = await readBookHistory(viaProxy, stack.config.contracts.carBook, tokenId);
    if (sanity.records.length !== count || !sanity.chain.ok)
      throw new Error(`bench book read back wrong: ${sanity.records.length} records, ${JSON.stringify(sanity.chain)}`);
    const opened = await readPrivateHistory(viaProxy, stack.config, tokenId, [aliceKeys]);
    if (opened.records.some((r) => r.private?.locked !== false))
      throw new Error('bench book: a record did not decrypt');
    log(
      `Book of ${count} records over ${sanity.atBlock - BigInt(stack.deployment.deploymentBlock)} blocks; measuring ${runs} runs through ${stack.proxyUrl}`,
    );

    const verify = await time(runs, async () => {
      const h = await readBookHistory(viaProxy, stack.config.contracts.carBook, tokenId);
      if (!h.chain.ok || h.records.length !== count) throw new Error('verification failed');
    });
    const decrypt = await time(runs, async () => {
      const h = await readPrivateHistory(viaProxy, stack.config, tokenId, [aliceKeys]);
      if (!h.history.chain.ok || h.records.length !== count) throw new Error('verification failed');
    });
    const suffix = count === 1000 ? '1000' : String(count);
    const measured = [
      [`history.verify${suffix}.ms`, verify],
      [`history.verifyDecrypt${suffix}.ms`, decrypt],
    ] as const;
    const metrics: Metric[] = measured.map(([metric, t]) => ({
      metric,
      value: Number(median(t.wall).toFixed(1)),
      unit: 'ms',
    }));
    if (json) {
      for (const m of metrics) console.log(JSON.stringify(m));
    } else {
      console.table(
        measured.map(([metric, t]) => ({
          metric,
          'median wall ms': median(t.wall).toFixed(1),
          'median CPU ms': median(t.cpu).toFixed(1),
          target: metric === 'history.verify1000.ms' ? '≤ 1000' : '',
        })),
      );
      for (const [metric, t] of measured)
        console.log(`${metric} wall runs: ${t.wall.map((x) => x.toFixed(1)).join(', ')}`);
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

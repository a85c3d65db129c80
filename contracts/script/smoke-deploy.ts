/**
 * Deploys the whole suite and seeds the demo vehicles against a running node, then prints what it made.
 * Usage: tsx contracts/script/smoke-deploy.ts [rpcUrl=http://127.0.0.1:8600] [chainId=31337]
 */
import { createPublicClient, http } from 'viem';
import { carBookAbi } from '../../lib/browser/contracts/generated';
import { BOOK_STATUSES } from '../../lib/browser/contracts/roles';
import { deployLocalConsortium } from '../../lib/dev/stack/deploy';
import { seedDemoVehicles } from '../../lib/dev/stack/seed';
import { DEV_VIN_COMMITMENT_PARAMS } from '../../lib/browser/vin';

const rpcUrl = process.argv[2] ?? 'http://127.0.0.1:8600';
const chainId = Number(process.argv[3] ?? 31337);

const started = Date.now();
const deployment = await deployLocalConsortium(rpcUrl, chainId);
console.log('deployment', deployment);
const seeded = await seedDemoVehicles(rpcUrl, deployment, DEV_VIN_COMMITMENT_PARAMS);
const client = createPublicClient({ transport: http(rpcUrl) });
for (const { vin, tokenId } of seeded) {
  const book = await client.readContract({
    address: deployment.carBook,
    abi: carBookAbi,
    functionName: 'book',
    args: [tokenId],
  });
  const owner = await client.readContract({
    address: deployment.carBook,
    abi: carBookAbi,
    functionName: 'ownerOf',
    args: [tokenId],
  });
  console.log(
    `${vin} ${BOOK_STATUSES[book.status]} owner=${owner} records=${book.recordCount} km=${book.mileage} corrections=${book.corrections} lastReadingAt=${book.lastReadingAt}`,
  );
}
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);

import { encodeAbiParameters, encodeFunctionData, type Address, type Hex } from 'viem';
import { keyRegistryAbi } from '../../browser/contracts/generated';
import { demoAccounts } from './accounts';
import { clientsFor, deployCode, forgeBytecode, type Deployment } from './deploy';

/**
 * Deploys the privacy protocol's KeyRegistry behind its UUPS proxy (ERC1967Proxy), bound to the deployment's
 * Consortium and CarBook. The insurance registry is not an argument: KeyRegistry reads it from the Consortium's
 * governance parameter `registry.insurance`, as CarBook does, so a vote that replaces it applies to both.
 * Sent by the maker admin (the deployer of the local consortium).
 */
export async function deployKeyRegistry(
  rpcUrl: string,
  chainId: number,
  deployment: Pick<Deployment, 'consortium' | 'carBook'>,
): Promise<Address> {
  const { publicClient, walletClient } = clientsFor(rpcUrl, chainId, demoAccounts().makerAdmin);
  const implementation = await deployCode(publicClient, walletClient, forgeBytecode('KeyRegistry'));
  const initData = encodeFunctionData({
    abi: keyRegistryAbi,
    functionName: 'initialize',
    args: [deployment.consortium, deployment.carBook],
  });
  const args = encodeAbiParameters([{ type: 'address' }, { type: 'bytes' }], [implementation.address, initData]);
  const proxy = await deployCode(publicClient, walletClient, `${forgeBytecode('ERC1967Proxy')}${args.slice(2)}` as Hex);
  return proxy.address;
}

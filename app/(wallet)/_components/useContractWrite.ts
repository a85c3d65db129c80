'use client';

import type { Abi, ContractFunctionArgs, ContractFunctionName, Hex, SimulateContractParameters } from 'viem';
import { useAccount, usePublicClient, useWriteContract } from 'wagmi';

type WriteName<abi extends Abi> = ContractFunctionName<abi, 'nonpayable' | 'payable'>;

/**
 * Simulate, then write: the simulation runs the call against the current chain state as the connected
 * account, so a refusal reaches the person as a sentence (see lib/browser/errors) before the wallet prompts.
 */
export function useContractWrite() {
  const publicClient = usePublicClient();
  const { address } = useAccount();
  const { writeContractAsync } = useWriteContract();

  return async function simulateAndWrite<
    const abi extends Abi,
    functionName extends WriteName<abi>,
    const args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
  >(call: { address: `0x${string}`; abi: abi; functionName: functionName; args: args }): Promise<Hex> {
    if (!publicClient) throw new Error('No connection to the consortium chain.');
    if (!address) throw new Error('Connect your wallet first.');
    const { request } = await publicClient.simulateContract({
      account: address,
      ...call,
    } as unknown as SimulateContractParameters);
    return writeContractAsync(request as Parameters<typeof writeContractAsync>[0]);
  };
}

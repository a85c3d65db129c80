/**
 * The one way the dApp, lib/browser and the local stack send a transaction: `sendContract` simulates (so a refusal
 * comes back as the contract's custom error before anything is signed), then `sendAndWait` sends from the wallet and
 * waits for the receipt; the deployment scripts (lib/dev/stack) call `sendAndWait` for contract creations.
 */
import {
  BaseError,
  ContractFunctionRevertedError,
  encodeFunctionData,
  type Abi,
  type Account,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
  type PublicClient,
  type WalletClient,
} from 'viem';

/** A contract refused a call: `errorName` and `args` of its custom error (e.g. KeyRegistryNotBookKeyPublisher). */
export class ContractRefusal extends Error {
  override readonly name = 'ContractRefusal';
  constructor(
    readonly errorName: string,
    readonly args: readonly unknown[],
    options: { cause: unknown },
  ) {
    super(`${errorName}(${args.map(String).join(', ')})`, options);
  }
}

/** A transaction was mined but reverted (the chain moved between the simulation and the block). */
export class TransactionReverted extends Error {
  override readonly name = 'TransactionReverted';
  constructor(
    readonly hash: Hex,
    readonly functionName: string,
  ) {
    super('The transaction was mined but reverted.');
  }
}

/** The custom error inside a viem error, if any. */
export function contractRefusal(error: unknown): ContractRefusal | undefined {
  if (error instanceof ContractRefusal) return error;
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName) {
    return new ContractRefusal(reverted.data.errorName, reverted.data.args ?? [], { cause: error });
  }
  return undefined;
}

export type ContractCall<
  abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
  args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
> = { address: Address; abi: abi; functionName: functionName; args: args };

export type SentTransaction = { hash: Hex; blockNumber: bigint };

/** A transaction as sent: a call's encoded data to `to`, or a contract's creation code (no `to`). */
export type RawTransaction = { to?: Address; data: Hex; gas?: bigint };

/** A mined, successful transaction: the created contract's address for a creation (null otherwise), gas used. */
export type MinedTransaction = SentTransaction & { contractAddress: Address | null; gasUsed: bigint };

/**
 * One transaction of a multi-step write, announced before its wallet prompt: `index` counts from 1 of `total`;
 * `label` names what it does (the caller's UI words it).
 */
export type TxStep<Label extends string = string> = { index: number; total: number; label: Label };

/** Gas limit sent = estimate × this / 100. */
const GAS_MARGIN_PERCENT = 125n;

function accountOf(walletClient: WalletClient): Account {
  const account = walletClient.account;
  if (!account) throw new Error('Connect your wallet first.');
  return account;
}

/**
 * Simulates `call` as the wallet's account without sending anything. A refusal throws `ContractRefusal`.
 * Returns the request to send.
 */
export async function simulateContract<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
  args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
>(
  publicClient: PublicClient,
  walletClient: WalletClient,
  call: ContractCall<abi, functionName, args>,
): Promise<unknown> {
  const account = accountOf(walletClient);
  try {
    const { request } = await publicClient.simulateContract({ ...(call as object), account } as never);
    return request;
  } catch (error) {
    throw contractRefusal(error) ?? error;
  }
}

/**
 * Simulates, sends and waits for one contract call. A revert in simulation throws `ContractRefusal` (nothing
 * was signed or sent); a mined transaction that reverted throws `TransactionReverted`. Receipts are polled at
 * the public client's polling interval.
 */
export async function sendContract<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
  args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
>(
  publicClient: PublicClient,
  walletClient: WalletClient,
  call: ContractCall<abi, functionName, args>,
): Promise<SentTransaction> {
  await simulateContract(publicClient, walletClient, call);
  const account = accountOf(walletClient);
  // A contract's gas can depend on the block's time (CarBook's pace bound reads the consortium's parameter only
  // for a large rise), and the estimate runs in another block than the one that mines the transaction: a margin,
  // as wallets add, keeps a transaction that passed its simulation from running out of gas.
  const estimate = await publicClient.estimateContractGas({ ...(call as object), account } as never);
  const data = encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args } as never);
  const { hash, blockNumber } = await sendAndWait(
    publicClient,
    walletClient,
    { to: call.address, data, gas: (estimate * GAS_MARGIN_PERCENT) / 100n },
    call.functionName,
  );
  return { hash, blockNumber };
}

/**
 * Sends one transaction from the wallet's account as it is (no simulation: `sendContract` is the way to call a
 * contract) and waits for its receipt. A mined transaction that reverted throws `TransactionReverted`, named by
 * `label` (the function called, or "contract creation").
 */
export async function sendAndWait(
  publicClient: PublicClient,
  walletClient: WalletClient,
  tx: RawTransaction,
  label: string = tx.to ? 'transaction' : 'contract creation',
): Promise<MinedTransaction> {
  const account = accountOf(walletClient);
  const hash = await walletClient.sendTransaction({
    account,
    chain: walletClient.chain,
    to: tx.to ?? null,
    data: tx.data,
    gas: tx.gas,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new TransactionReverted(hash, label);
  return {
    hash,
    blockNumber: receipt.blockNumber,
    contractAddress: receipt.contractAddress ?? null,
    gasUsed: receipt.gasUsed,
  };
}

import { BaseError, ContractFunctionRevertedError, decodeErrorResult, UserRejectedRequestError, type Abi, type Hex } from 'viem';
import { carBookAbi, consortiumAbi } from '../contracts/generated';
import { BOOK_STATUSES, RECORD_KINDS, RECORD_KIND_LABELS } from '../contracts/roles';

/** Every ABI whose custom errors a person may meet; errors of all our contracts decode anywhere. */
const ALL_ABIS: Abi[] = [carBookAbi as Abi, consortiumAbi as Abi];

const km = (value: unknown) => `${Number(value).toLocaleString('en-US')} km`;
const short = (address: unknown) => {
  const a = String(address);
  return a.length === 42 ? `${a.slice(0, 6)}…${a.slice(-4)}` : a;
};

/** One sentence per custom error, in the words of the person who hit it. */
const SENTENCES: Record<string, (args: readonly unknown[]) => string> = {
  CarBookMileageDecreased: ([last, given]) =>
    `Mileage can't go down: last recorded ${km(last)}, you entered ${km(given)}.`,
  CarBookMileageImplausible: ([given, max]) => `${km(given)} is not a plausible mileage (the maximum is ${km(max)}).`,
  CarBookNotManufacturer: ([account]) =>
    `Only a manufacturer's dealer can create a car book; ${short(account)} is not one.`,
  CarBookAlreadyExists: () => 'A car book already exists for this VIN.',
  CarBookInvalidCommitment: () => 'The VIN commitment is empty.',
  CarBookInvalidOwner: () => 'The first owner address is missing.',
  CarBookNotFound: () => 'No car book exists for this vehicle.',
  CarBookNotWriter: ([, account]) =>
    `${short(account)} may not write to this car book: only its owner, the maker's network or a workshop with a current grant can.`,
  CarBookRecordKindNotAllowed: ([kind]) =>
    `A "${RECORD_KIND_LABELS[RECORD_KINDS[Number(kind)] ?? 'None']}" record can't be added this way.`,
  CarBookPayloadTooLarge: ([size, max]) => `The record is too large (${size} bytes; at most ${max}).`,
  CarBookNotActive: ([, status]) =>
    `This car book is ${BOOK_STATUSES[Number(status)]?.toLowerCase() ?? 'closed'}: it accepts no new records.`,
  CarBookDestroyed: () => 'This car was declared destroyed: its title can never move again.',
  CarBookOnlyGovernance: () => 'Only an approved consortium proposal can upgrade this contract.',
  ConsortiumNotMemberAdmin: ([account]) => `${short(account)} is not the admin of a consortium member.`,
  ConsortiumRoleNotAllowedForKind: () => 'This role does not exist for your kind of organisation.',
  ConsortiumAccountAlreadyAssigned: ([account]) => `${short(account)} already belongs to an organisation.`,
  ConsortiumAccountNotStaff: ([account]) => `${short(account)} is not one of your staff.`,
  ConsortiumAlreadyApproved: () => 'Your organisation already approved this proposal.',
  ConsortiumProposalExpired: () => 'This proposal has expired.',
  ConsortiumProposalAlreadyExecuted: () => 'This proposal was already carried out.',
  ConsortiumLastMember: () => 'The last member of the consortium cannot be removed.',
  ERC721InsufficientApproval: () => 'Only the current owner (or someone they approved) can transfer this car book.',
  ERC721IncorrectOwner: () => 'The car book does not belong to the account sending it.',
  ERC721InvalidReceiver: () => 'The new owner address cannot receive a car book.',
};

/** Decodes revert data against all our ABIs; undefined if it is not one of our errors. */
export function decodeRevert(data: Hex): { errorName: string; args: readonly unknown[] } | undefined {
  for (const abi of ALL_ABIS) {
    try {
      const decoded = decodeErrorResult({ abi, data });
      return { errorName: decoded.errorName, args: decoded.args ?? [] };
    } catch {
      // not from this ABI
    }
  }
  return undefined;
}

function revertDataOf(error: BaseError): Hex | undefined {
  let found: Hex | undefined;
  error.walk((cause) => {
    const candidate = (cause as { data?: unknown }).data;
    if (typeof candidate === 'string' && /^0x[0-9a-fA-F]{8,}$/.test(candidate)) found = candidate as Hex;
    if (candidate && typeof candidate === 'object' && typeof (candidate as { data?: unknown }).data === 'string') {
      found = (candidate as { data: Hex }).data;
    }
    return false;
  });
  return found;
}

/**
 * The one place that turns any error into words: walk the viem error, decode our custom errors,
 * recognise a rejection in the wallet, and fall back to viem's short message.
 */
export function humanizeError(error: unknown): string {
  if (!(error instanceof BaseError)) {
    return error instanceof Error ? error.message : String(error);
  }
  if (error.walk((e) => e instanceof UserRejectedRequestError)) return 'You rejected the request in your wallet.';
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
  if (reverted?.data?.errorName) {
    const sentence = SENTENCES[reverted.data.errorName];
    if (sentence) return sentence(reverted.data.args ?? []);
  }
  const data = reverted?.raw ?? revertDataOf(error);
  if (data) {
    const decoded = decodeRevert(data);
    if (decoded) {
      const sentence = SENTENCES[decoded.errorName];
      return sentence ? sentence(decoded.args) : `The transaction was refused (${decoded.errorName}).`;
    }
  }
  return error.shortMessage || error.message;
}

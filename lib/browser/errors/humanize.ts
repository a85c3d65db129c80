import {
  BaseError,
  ChainDisconnectedError,
  ChainMismatchError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  hexToString,
  HttpRequestError,
  InsufficientFundsError,
  LimitExceededRpcError,
  ProviderDisconnectedError,
  TimeoutError,
  UserRejectedRequestError,
  type ContractErrorArgs,
  type ContractErrorName as ErrorNameOf,
  type Hex,
} from 'viem';
import { carBookAbi, consortiumAbi, documentAnchorAbi, insuranceAbi, keyRegistryAbi } from '../contracts/generated';
import {
  BOOK_STATUSES,
  ORG_KINDS,
  PARAMETERS,
  PROPOSAL_ACTIONS,
  RECORD_KINDS,
  RECORD_KIND_LABELS,
  VERDICTS,
  roleName,
} from '../contracts/roles';
import { formatDateTime, formatKm } from '../format';

/** Every generated ABI, as one: errors of all our contracts decode anywhere (a CarBook call may revert in KeyRegistry). */
const ALL_ABIS = [...carBookAbi, ...consortiumAbi, ...insuranceAbi, ...documentAnchorAbi, ...keyRegistryAbi] as const;
type AllAbis = typeof ALL_ABIS;

/** The name of every custom error in the generated ABIs (our contracts' and the OpenZeppelin ones they inherit). */
export type ContractErrorName = ErrorNameOf<AllAbis>;

/** One sentence per custom error, its arguments typed from the ABI: a new Solidity error without one fails tsc. */
type Sentences = { [name in ContractErrorName]: (args: ContractErrorArgs<AllAbis, name>) => string };

const km = (value: bigint | number) => formatKm(value);
const when = (seconds: bigint | number) => formatDateTime(seconds);
const short = (address: string) => (address.length === 42 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address);
const parameterName = (key: Hex) => {
  const names: Record<keyof typeof PARAMETERS, string> = {
    PROPOSAL_LIFETIME: 'proposal lifetime',
    MAX_GRANT_DURATION: 'maximum grant duration',
    MIN_READING_INTERVAL: 'minimum interval between readings',
    VIN_SALT: 'VIN salt',
    VIN_SCRYPT_N: 'VIN scrypt N',
    VIN_SCRYPT_R: 'VIN scrypt r',
    VIN_SCRYPT_P: 'VIN scrypt p',
    INSURANCE_REGISTRY: 'insurance registry',
    CLAIM_LIFETIME: 'claim lifetime',
    MAX_KM_PER_DAY: 'maximum kilometres per day',
  };
  const found = (Object.keys(PARAMETERS) as (keyof typeof PARAMETERS)[]).find((name) => PARAMETERS[name] === key);
  return found ? names[found] : 'parameter';
};
const UPGRADE_FAILED = 'The upgrade was refused: the new implementation is not a valid upgrade of this contract.';

/** One sentence per custom error, in the words of the person who hit it. */
const SENTENCES = {
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
  CarBookNotOwner: ([, account]) => `Only the car book's owner can do this; ${short(account)} does not own it.`,
  CarBookInvalidGrantee: ([grantee]) =>
    `${short(grantee)} can't be given access: enter the workshop's address (not empty, not your own).`,
  CarBookGrantTooLong: ([expiresAt, max]) =>
    `That grant is too long: the consortium allows access until ${when(max)} at the latest (you asked until ${when(expiresAt)}).`,
  CarBookGrantExpired: ([expiresAt]) => `A grant must end in the future (${when(expiresAt)} has passed).`,
  CarBookNoGrant: ([, grantee]) => `${short(grantee)} has no current access to this car book: nothing to revoke.`,
  CarBookNotDeviceManager: ([, account]) =>
    `Only the car's manufacturer can change its telematics device; ${short(account)} can't.`,
  CarBookCorrectionNotLower: ([last, given]) =>
    `An odometer correction must lower the mileage: the book shows ${km(last)}, the correction says ${km(given)}.`,
  CarBookInvalidSignature: ([expected]) => `The signature is not from ${short(expected)}, who must sign it.`,
  CarBookNotOfficialWorkshop: ([, workshop]) =>
    `${short(workshop)} is not an official workshop of this car's manufacturer.`,
  CarBookNotInsuranceRegistry: () => "Only the consortium's insurance registry records diagnoses.",
  CarBookNotRecycler: ([account]) =>
    `Only a recycler (its admin or a dismantler) can declare a car destroyed; ${short(account)} is not one.`,
  CarBookWreckTransferRefused: ([, to]) =>
    `A wreck can only go to the insurer that declared the total loss or to a recycler; ${short(to)} is neither.`,
  CarBookEmptyBatch: () => 'The batch of readings is empty.',
  CarBookWmiNotHeld: ([wmi]) =>
    `Your organisation does not hold the world manufacturer identifier ${hexToString(wmi)} (the VIN's first three characters): only that car's maker creates its book.`,
  CarBookMetadataNotOneLine: () =>
    'The model must be one line without invisible control characters (such as right-to-left overrides).',
  CarBookMileageTooFast: ([last, given, max]) =>
    `${km(given)} is more than a car can drive since the last mileage of ${km(last)}: at most ${km(max)} is accepted now.`,
  CarBookCorrectionSignersNotDistinct: () =>
    "The owner who signs an odometer correction may not be staff of the correcting workshop's organisation: two independent parties must sign.",
  CarBookInvalidVoid: ([, index]) =>
    `Entry ${index + 1} cannot be voided that way: it must exist, and the restored mileage and time must not be after the current ones.`,
  CarBookInvalidMaker: ([orgId]) => `Organisation ${orgId} is not an active manufacturer.`,
  InsuranceNotOwner: ([, account]) => `Only the car's owner can ask for cover; ${short(account)} does not own it.`,
  InsuranceNotInsurer: ([orgId]) => `Organisation #${orgId} is not an insurer of the consortium.`,
  InsuranceNotClaimsHandler: ([, account]) =>
    `${short(account)} does not handle claims for this insurer: only its admin or its claims handlers can.`,
  InsuranceBookNotActive: () => 'This car book is a wreck or destroyed: it can no longer be insured or claimed on.',
  InsuranceCoverAlreadyActive: () => 'This car is already covered.',
  InsuranceNoCoverRequest: () =>
    'There is no pending cover request for this car (it was withdrawn, already accepted, or the car was sold).',
  InsuranceNotCovered: () => 'This car is not covered by your organisation now.',
  InsuranceUnknownClaim: ([claimId]) => `There is no claim #${claimId}.`,
  InsuranceClaimClosed: ([claimId, verdict]) =>
    `Claim #${claimId} is already decided (${VERDICTS[Number(verdict)] === 'TotalLoss' ? 'total loss' : 'repairable'}).`,
  InsuranceInvalidExpert: () => "Enter the expert's address.",
  InsuranceNotMandatedExpert: ([claimId, account]) =>
    `${short(account)} is not the expert mandated for claim #${claimId}.`,
  InsuranceInvalidVerdict: () => 'Choose a verdict: repairable or total loss.',
  InsuranceClaimExpired: ([claimId, expiredAt]) =>
    `Claim #${claimId} expired on ${when(expiredAt)}: it can no longer get an expert or a diagnosis.`,
  InsuranceClaimLapsed: ([claimId]) =>
    `Claim #${claimId} no longer applies: the cover it was opened under has ended or the car changed hands.`,
  InsuranceExpertConflict: ([, expert]) =>
    `${short(expert)} cannot be the expert: they own the car or work for its owner or for the insurer.`,
  DocumentAnchorNotArchivist: ([account]) =>
    `${short(account)} can't anchor documents: only an archiving service's admin or archivists can.`,
  DocumentAnchorInvalidHash: () => 'The document hash is empty.',
  ConsortiumNotMemberAdmin: ([account]) => `${short(account)} is not the admin of a consortium member.`,
  ConsortiumNotOrgAdmin: ([orgId, account]) => `${short(account)} is not the admin of organisation #${orgId}.`,
  ConsortiumRoleNotAllowedForKind: ([kind, role]) =>
    `An organisation of kind ${ORG_KINDS[Number(kind)] ?? 'unknown'} has no ${(roleName(role) ?? 'such').toLowerCase().replace('_', ' ')} role.`,
  ConsortiumAccountAlreadyAssigned: ([account]) => `${short(account)} already belongs to an organisation.`,
  ConsortiumAccountNotStaff: ([account]) => `${short(account)} is not one of your staff.`,
  ConsortiumInvalidOrganisation: ([orgId]) => `Organisation #${orgId} is not a current member.`,
  ConsortiumInvalidFounder: ([index]) => `Founding member #${Number(index) + 1} is incomplete.`,
  ConsortiumInvalidProposal: ([proposalId]) => `There is no proposal #${proposalId}.`,
  ConsortiumInvalidProposalData: ([action]) =>
    `The ${(PROPOSAL_ACTIONS[Number(action)] ?? 'proposal').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} proposal is incomplete: check its name, kind and admin address.`,
  ConsortiumAlreadyApproved: () => 'Your organisation already approved this proposal.',
  ConsortiumProposalExpired: ([proposalId, expiredAt]) => `Proposal #${proposalId} expired on ${when(expiredAt)}.`,
  ConsortiumProposalAlreadyExecuted: () => 'This proposal was already carried out.',
  ConsortiumLastMember: () => 'The last member of the consortium cannot be removed.',
  ConsortiumAccountReserved: ([account, proposalId]) =>
    `${short(account)} is the admin named by open proposal #${proposalId} to admit a member.`,
  ConsortiumParameterOutOfRange: ([key, value]) =>
    `${String(value)} is out of the allowed range for the ${parameterName(key)}.`,
  GovernedUpgradeOnlyGovernance: () => 'Only an approved consortium proposal can do this.',
  KeyRegistryInvalidPublicKey: () =>
    'This reading key is empty or unusable (a weak point of the curve): create the key again by unlocking.',
  KeyRegistryBookNotFound: () => 'No car book exists for this vehicle.',
  KeyRegistryNotBookKeyPublisher: ([, account]) =>
    `${short(account)} may not share this book's keys: only its owner, the maker's network, a workshop with a current grant or the covering insurer can.`,
  KeyRegistryNotOwner: ([, account]) =>
    `Only the car book's owner can manage its share links; ${short(account)} does not own it.`,
  KeyRegistryNotOrgAdmin: ([account]) =>
    `${short(account)} is not an organisation admin: only the admin publishes the organisation's key.`,
  KeyRegistryNotStaff: ([orgId, account]) =>
    `${short(account)} is not staff of organisation #${orgId}: its key can't be shared with it.`,
  KeyRegistryEpochNotNext: ([, given, next]) =>
    `Someone wrote to this book meanwhile (key period ${given} is no longer next; ${next} is): try again.`,
  KeyRegistryOrgKeyVersionNotNext: ([, given, next]) =>
    `Another admin action published the organisation key meanwhile (version ${given} is no longer next; ${next} is): try again.`,
  KeyRegistryOrgKeyVersionNotCurrent: ([, given, current]) =>
    `The organisation key changed meanwhile (version ${given}, now ${current}): try again.`,
  KeyRegistryLengthMismatch: () => 'The key shares are incomplete (one wrap per reader): try again.',
  KeyRegistryEmptyWraps: () => 'There was no key to share.',
  KeyRegistryInvalidWrap: () => 'A key share was malformed: try again.',
  KeyRegistryShareKeyNotLive: () => 'This share link was already revoked (or the car was sold since).',
  KeyRegistryWrapLimit: ([, epoch]) =>
    `This reader already has its key for period ${epoch}; only the owner or the maker's network can issue it again.`,
  KeyRegistryNotBookReader: () =>
    "A workshop or insurer can share this book's key only with the book's readers (owner, maker, insurer, granted workshops, share links).",
  KeyRegistryEpochUnused: () =>
    "A new key period can't start before a record is written in the current one: write the record with the current key, or ask the owner.",
  IndexBackfillInvalid: () =>
    'This backfill was refused: the book was already backfilled, or the blocks are empty, out of order or not older than the index.',
  BlockIndexBlockNumberTooLarge: () =>
    'This chain is past the block numbers the read index can hold; the consortium must upgrade the contracts before more writes.',
  ERC721NonexistentToken: () => 'No car book exists with this id.',
  ERC721InsufficientApproval: () => 'Only the current owner (or someone they approved) can transfer this car book.',
  ERC721IncorrectOwner: () => 'The car book does not belong to the account sending it.',
  ERC721InvalidReceiver: () => 'The new owner address cannot receive a car book.',
  ERC721InvalidApprover: ([approver]) => `${short(approver)} may not approve transfers of this car book.`,
  ERC721InvalidOperator: ([operator]) => `${short(operator)} can't be made an operator: enter another address.`,
  ERC721InvalidOwner: () => 'The empty address owns no car book.',
  ERC721InvalidSender: () => 'A car book can only be created once.',
  AddressEmptyCode: ([target]) => `There is no contract at ${short(target)}.`,
  FailedCall: () => 'The call to the other contract failed.',
  ERC1967InvalidImplementation: ([implementation]) =>
    `${short(implementation)} is not a contract that can be upgraded to.`,
  ERC1967NonPayable: () => 'This upgrade must not send any ether.',
  InvalidInitialization: () => 'This contract is already initialised.',
  NotInitializing: () => 'This contract is not being initialised.',
  UUPSUnauthorizedCallContext: () => UPGRADE_FAILED,
  UUPSUnsupportedProxiableUUID: () => UPGRADE_FAILED,
} satisfies Sentences;

/** The sentence for a custom error of ours, or undefined for a name no generated ABI knows. */
export function sentenceFor(errorName: string, args: readonly unknown[] = []): string | undefined {
  if (!Object.hasOwn(SENTENCES, errorName)) return undefined;
  const sentence = SENTENCES[errorName as ContractErrorName] as (args: readonly unknown[]) => string;
  return sentence(args);
}

/** Decodes revert data against all our ABIs; undefined if it is not one of our errors. */
export function decodeRevert(data: Hex): { errorName: ContractErrorName; args: readonly unknown[] } | undefined {
  try {
    const decoded = decodeErrorResult({ abi: ALL_ABIS, data });
    return { errorName: decoded.errorName, args: decoded.args ?? [] };
  } catch {
    return undefined;
  }
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

/** Sentences for what goes wrong between the page, the wallet and the ledger's node: what happened, what to do. */
export const TRANSPORT_SENTENCES = {
  rejected: 'You rejected the request in your wallet: nothing was sent.',
  offline: "The ledger's node could not be reached: check your connection, then try again.",
  unavailable: "The ledger's node is not answering properly right now: try again in a minute.",
  busy: "The ledger's node is busy with too many requests: wait a minute, then try again.",
  timeout: "The ledger's node took too long to answer: try again.",
  wrongChain: 'Your wallet is on another network: switch it to the CarBook network, then try again.',
  disconnected: 'Your wallet is disconnected: connect it again, then try again.',
  funds: 'Your account cannot pay the fee for this transaction: ask the consortium to fund it.',
  refused: 'The ledger refused this transaction.',
  unknown: 'Something went wrong while talking to the ledger: try again.',
} as const;

/** Text from a library (URLs, versions, request bodies, docs links) never reaches a person. */
const LIBRARY_TEXT =
  /https?:\/\/|viem@|Request body|Docs:|Details:|Version:|URL:|\bfetch failed\b|Failed to fetch|NetworkError/i;

/** A message fit to show: its first line, unless it carries library text. */
function ownWords(message: string): string | undefined {
  const line = message.split('\n')[0]?.trim();
  return line && !LIBRARY_TEXT.test(line) ? line : undefined;
}

const NETWORK_FAILURE =
  /fetch failed|Failed to fetch|NetworkError|ECONNREFUSED|ECONNRESET|ENOTFOUND|socket hang up|Load failed/i;

function transportSentence(error: BaseError): string | undefined {
  if (error.walk((e) => e instanceof UserRejectedRequestError)) return TRANSPORT_SENTENCES.rejected;
  if (error.walk((e) => e instanceof ChainMismatchError)) return TRANSPORT_SENTENCES.wrongChain;
  if (error.walk((e) => e instanceof ChainDisconnectedError || e instanceof ProviderDisconnectedError)) {
    return TRANSPORT_SENTENCES.disconnected;
  }
  if (error.walk((e) => e instanceof InsufficientFundsError)) return TRANSPORT_SENTENCES.funds;
  if (error.walk((e) => e instanceof TimeoutError)) return TRANSPORT_SENTENCES.timeout;
  if (error.walk((e) => e instanceof LimitExceededRpcError)) return TRANSPORT_SENTENCES.busy;
  const http = error.walk((e) => e instanceof HttpRequestError) as HttpRequestError | null;
  if (http) {
    if (http.status === 429) return TRANSPORT_SENTENCES.busy;
    if (http.status === undefined) return TRANSPORT_SENTENCES.offline;
    return TRANSPORT_SENTENCES.unavailable;
  }
  return undefined;
}

/**
 * The one place that turns any error into words: our custom errors (decoded from whatever viem error carries
 * them), the wallet and the network's failures, and otherwise a message that is already a sentence of ours.
 * Never returns a library's text: no URL, request body, version or docs link.
 */
export function humanizeError(error: unknown): string {
  // lib/browser/privacy's ContractRefusal: the custom error, already decoded during simulation.
  const refusal = error as { name?: unknown; errorName?: unknown; args?: unknown } | null;
  if (refusal && refusal.name === 'ContractRefusal' && typeof refusal.errorName === 'string') {
    return (
      sentenceFor(refusal.errorName, Array.isArray(refusal.args) ? refusal.args : []) ?? TRANSPORT_SENTENCES.refused
    );
  }
  if (!(error instanceof BaseError)) {
    if (error instanceof Error && NETWORK_FAILURE.test(error.message)) return TRANSPORT_SENTENCES.offline;
    if (error instanceof Error && error.name === 'TimeoutError') return TRANSPORT_SENTENCES.timeout;
    return ownWords(error instanceof Error ? error.message : String(error)) ?? TRANSPORT_SENTENCES.unknown;
  }
  const reverted = error.walk(
    (e) => e instanceof ContractFunctionRevertedError,
  ) as ContractFunctionRevertedError | null;
  if (reverted?.data?.errorName) {
    const sentence = sentenceFor(reverted.data.errorName, reverted.data.args ?? []);
    if (sentence) return sentence;
  }
  const data = reverted?.raw ?? revertDataOf(error);
  const decoded = data ? decodeRevert(data) : undefined;
  if (decoded) return sentenceFor(decoded.errorName, decoded.args) ?? TRANSPORT_SENTENCES.refused;
  const transport = transportSentence(error);
  if (transport) return transport;
  if (reverted)
    return reverted.reason ? `The ledger refused this transaction: ${reverted.reason}.` : TRANSPORT_SENTENCES.refused;
  return TRANSPORT_SENTENCES.unknown;
}

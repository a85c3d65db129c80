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
import { createTranslator } from 'use-intl/core';
import { carBookAbi, consortiumAbi, documentAnchorAbi, insuranceAbi, keyRegistryAbi } from '../contracts/generated';
import { ORG_KINDS, PARAMETERS, PROPOSAL_ACTIONS, RECORD_KINDS, VERDICTS, roleName } from '../contracts/roles';
import { formatDateTime, formatKm, formatNumber } from '../format';
import { publicMessagesFor, type PublicMessages } from '../i18n/catalogue';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales';
import { ConfigError } from './config-error';

/** Every generated ABI, as one: errors of all our contracts decode anywhere (a CarBook call may revert in KeyRegistry). */
const ALL_ABIS = [...carBookAbi, ...consortiumAbi, ...insuranceAbi, ...documentAnchorAbi, ...keyRegistryAbi] as const;
type AllAbis = typeof ALL_ABIS;

/** The name of every custom error in the generated ABIs (our contracts' and the OpenZeppelin ones they inherit). */
export type ContractErrorName = ErrorNameOf<AllAbis>;

/**
 * The gate: every custom error has an English sentence in the catalogue (public.json, errors.contract.<Name>).
 * A new Solidity error without one makes `Missing` a name, and this line fails tsc with that name in the message.
 */
type Missing = Exclude<ContractErrorName, keyof PublicMessages['errors']['contract']>;
const everyErrorHasASentence: [Missing] extends [never] ? true : { missingSentenceFor: Missing } = true;

type Values = Record<string, string | number>;
type Formatters = {
  km: (value: bigint | number) => string;
  when: (seconds: bigint | number) => string;
  number: (value: bigint | number) => string;
};

/** The ICU arguments of each error's sentence, from its decoded arguments (typed from the ABI). */
type ValuesOf = { [name in ContractErrorName]?: (args: ContractErrorArgs<AllAbis, name>, f: Formatters) => Values };

const short = (address: string) => (address.length === 42 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address);
const parameterName = (key: Hex) =>
  (Object.keys(PARAMETERS) as (keyof typeof PARAMETERS)[]).find((name) => PARAMETERS[name] === key) ?? 'other';

/** Arguments of the sentences that have some; the others are plain text in the catalogue. */
const VALUES = {
  CarBookMileageDecreased: ([last, given], f) => ({ last: f.km(last), given: f.km(given) }),
  CarBookMileageImplausible: ([given, max], f) => ({ given: f.km(given), max: f.km(max) }),
  CarBookNotManufacturer: ([account]) => ({ account: short(account) }),
  CarBookNotWriter: ([, account]) => ({ account: short(account) }),
  CarBookRecordKindNotAllowed: ([kind]) => ({ kind: RECORD_KINDS[Number(kind)] ?? 'None' }),
  CarBookPayloadTooLarge: ([size, max], f) => ({ size: f.number(size), max: f.number(max) }),
  CarBookNotActive: ([, status]) => ({
    status: Number(status) === 3 ? 'Destroyed' : Number(status) === 2 ? 'Wrecked' : 'other',
  }),
  CarBookNotOwner: ([, account]) => ({ account: short(account) }),
  CarBookInvalidGrantee: ([grantee]) => ({ grantee: short(grantee) }),
  CarBookGrantTooLong: ([expiresAt, max], f) => ({ max: f.when(max), asked: f.when(expiresAt) }),
  CarBookGrantExpired: ([expiresAt], f) => ({ expiresAt: f.when(expiresAt) }),
  CarBookNoGrant: ([, grantee]) => ({ grantee: short(grantee) }),
  CarBookNotDeviceManager: ([, account]) => ({ account: short(account) }),
  CarBookCorrectionNotLower: ([last, given], f) => ({ last: f.km(last), given: f.km(given) }),
  CarBookInvalidSignature: ([expected]) => ({ expected: short(expected) }),
  CarBookNotOfficialWorkshop: ([, workshop]) => ({ workshop: short(workshop) }),
  CarBookNotRecycler: ([account]) => ({ account: short(account) }),
  CarBookWreckTransferRefused: ([, to]) => ({ to: short(to) }),
  CarBookWmiNotHeld: ([wmi]) => ({ wmi: hexToString(wmi) }),
  CarBookMileageTooFast: ([last, given, max], f) => ({ last: f.km(last), given: f.km(given), max: f.km(max) }),
  CarBookInvalidVoid: ([, index]) => ({ entry: Number(index) + 1 }),
  CarBookInvalidMaker: ([orgId]) => ({ orgId: String(orgId) }),
  CarBookInvalidBackfill: ([manufacturerOrg]) => ({ manufacturerOrg: String(manufacturerOrg) }),
  // Chains are numbered from 1 for people, from 0 on chain.
  CarBookWrongShard: ([shard, thisShard]) => ({ shard: String(shard + 1n), thisShard: String(thisShard + 1n) }),
  CarBookInvalidShardRule: ([index, count]) => ({ index: String(index + 1n), count: String(count) }),
  InsuranceClaimExpired: ([claimId, expiredAt], f) => ({ claimId: String(claimId), expiredAt: f.when(expiredAt) }),
  InsuranceClaimLapsed: ([claimId]) => ({ claimId: String(claimId) }),
  InsuranceExpertConflict: ([, expert]) => ({ expert: short(expert) }),
  ConsortiumAccountReserved: ([account, proposalId]) => ({ account: short(account), proposalId: String(proposalId) }),
  InsuranceNotOwner: ([, account]) => ({ account: short(account) }),
  InsuranceNotInsurer: ([orgId]) => ({ orgId: String(orgId) }),
  InsuranceNotClaimsHandler: ([, account]) => ({ account: short(account) }),
  InsuranceUnknownClaim: ([claimId]) => ({ claimId: String(claimId) }),
  InsuranceClaimClosed: ([claimId, verdict]) => ({
    claimId: String(claimId),
    verdict: VERDICTS[Number(verdict)] === 'TotalLoss' ? 'TotalLoss' : 'Repairable',
  }),
  InsuranceNotMandatedExpert: ([claimId, account]) => ({ claimId: String(claimId), account: short(account) }),
  DocumentAnchorNotArchivist: ([account]) => ({ account: short(account) }),
  ConsortiumNotMemberAdmin: ([account]) => ({ account: short(account) }),
  ConsortiumNotOrgAdmin: ([orgId, account]) => ({ orgId: String(orgId), account: short(account) }),
  ConsortiumRoleNotAllowedForKind: ([kind, role]) => ({
    kind: ORG_KINDS[Number(kind)] ?? 'None',
    role: roleName(role) ?? 'other',
  }),
  ConsortiumAccountAlreadyAssigned: ([account]) => ({ account: short(account) }),
  ConsortiumAccountNotStaff: ([account]) => ({ account: short(account) }),
  ConsortiumInvalidOrganisation: ([orgId]) => ({ orgId: String(orgId) }),
  ConsortiumInvalidFounder: ([index]) => ({ number: Number(index) + 1 }),
  ConsortiumInvalidProposal: ([proposalId]) => ({ proposalId: String(proposalId) }),
  ConsortiumInvalidProposalData: ([action]) => ({ action: PROPOSAL_ACTIONS[Number(action)] ?? 'None' }),
  ConsortiumProposalExpired: ([proposalId, expiredAt], f) => ({
    proposalId: String(proposalId),
    expiredAt: f.when(expiredAt),
  }),
  ConsortiumParameterOutOfRange: ([key, value]) => ({ value: String(value), parameter: parameterName(key) }),
  KeyRegistryNotBookKeyPublisher: ([, account]) => ({ account: short(account) }),
  KeyRegistryNotOwner: ([, account]) => ({ account: short(account) }),
  KeyRegistryNotOrgAdmin: ([account]) => ({ account: short(account) }),
  KeyRegistryNotStaff: ([orgId, account]) => ({ orgId: String(orgId), account: short(account) }),
  KeyRegistryEpochNotNext: ([, given, next]) => ({ given: String(given), next: String(next) }),
  KeyRegistryWrapLimit: ([, epoch]) => ({ epoch: String(epoch) }),
  KeyRegistryOrgKeyVersionNotNext: ([, given, next]) => ({ given: String(given), next: String(next) }),
  KeyRegistryOrgKeyVersionNotCurrent: ([, given, current]) => ({ given: String(given), current: String(current) }),
  ERC721InvalidApprover: ([approver]) => ({ approver: short(approver) }),
  ERC721InvalidOperator: ([operator]) => ({ operator: short(operator) }),
  AddressEmptyCode: ([target]) => ({ target: short(target) }),
  ERC1967InvalidImplementation: ([implementation]) => ({ implementation: short(implementation) }),
} satisfies ValuesOf;

/** What goes wrong between the page, the wallet, the configuration and the ledger's node. */
const FAILURE_KINDS = [
  'rejected',
  'offline',
  'unavailable',
  'busy',
  'timeout',
  'wrongChain',
  'disconnected',
  'funds',
  'refused',
  'config',
  'unknown',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

function translator(locale: Locale) {
  return createTranslator({ locale, messages: publicMessagesFor(locale), namespace: 'errors' });
}

function formatters(locale: Locale): Formatters {
  return {
    km: (value) => formatKm(value, locale),
    when: (seconds) => formatDateTime(seconds, locale),
    number: (value) => formatNumber(value, locale),
  };
}

/** English sentences for transport failures (tests and non-React callers); the catalogue is the source. */
export const TRANSPORT_SENTENCES = /* @__PURE__ */ Object.fromEntries(
  FAILURE_KINDS.map((kind) => [kind, translator(DEFAULT_LOCALE)(`transport.${kind}`)]),
) as Record<FailureKind, string>;

/** The sentence for a custom error of ours in `locale`, or undefined for a name no generated ABI knows. */
export function sentenceFor(
  errorName: string,
  args: readonly unknown[] = [],
  locale: Locale = DEFAULT_LOCALE,
): string | undefined {
  const sentences = publicMessagesFor(DEFAULT_LOCALE).errors.contract;
  if (!everyErrorHasASentence || !Object.hasOwn(sentences, errorName)) return undefined;
  const values = Object.hasOwn(VALUES, errorName)
    ? (VALUES[errorName as keyof typeof VALUES] as unknown as (args: readonly unknown[], f: Formatters) => Values)(
        args,
        formatters(locale),
      )
    : undefined;
  return translator(locale)(`contract.${errorName as ContractErrorName}`, values);
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

function transportKind(error: BaseError): FailureKind | undefined {
  if (error.walk((e) => e instanceof UserRejectedRequestError)) return 'rejected';
  if (error.walk((e) => e instanceof ChainMismatchError)) return 'wrongChain';
  if (error.walk((e) => e instanceof ChainDisconnectedError || e instanceof ProviderDisconnectedError)) {
    return 'disconnected';
  }
  if (error.walk((e) => e instanceof InsufficientFundsError)) return 'funds';
  if (error.walk((e) => e instanceof TimeoutError)) return 'timeout';
  if (error.walk((e) => e instanceof LimitExceededRpcError)) return 'busy';
  const http = error.walk((e) => e instanceof HttpRequestError) as HttpRequestError | null;
  if (http) {
    if (http.status === 429) return 'busy';
    if (http.status === undefined) return 'offline';
    return 'unavailable';
  }
  return undefined;
}

/** What an error is, in words-free form: one of our contract errors (by name) or a kind of failure. */
type Described =
  | { contract: ContractErrorName; args: readonly unknown[] }
  | { failure: FailureKind }
  | { own: string }
  | { refusedWith: string };

function describe(error: unknown): Described {
  // lib/browser/privacy's ContractRefusal: the custom error, already decoded during simulation.
  const refusal = error as { name?: unknown; errorName?: unknown; args?: unknown } | null;
  if (refusal && refusal.name === 'ContractRefusal' && typeof refusal.errorName === 'string') {
    return Object.hasOwn(publicMessagesFor(DEFAULT_LOCALE).errors.contract, refusal.errorName)
      ? { contract: refusal.errorName as ContractErrorName, args: Array.isArray(refusal.args) ? refusal.args : [] }
      : { failure: 'refused' };
  }
  if (error instanceof ConfigError) return { failure: 'config' };
  if (!(error instanceof BaseError)) {
    if (error instanceof Error && NETWORK_FAILURE.test(error.message)) return { failure: 'offline' };
    if (error instanceof Error && error.name === 'TimeoutError') return { failure: 'timeout' };
    const words = ownWords(error instanceof Error ? error.message : String(error));
    return words ? { own: words } : { failure: 'unknown' };
  }
  const reverted = error.walk(
    (e) => e instanceof ContractFunctionRevertedError,
  ) as ContractFunctionRevertedError | null;
  const known = (name: string | undefined): name is ContractErrorName =>
    !!name && Object.hasOwn(publicMessagesFor(DEFAULT_LOCALE).errors.contract, name);
  if (known(reverted?.data?.errorName)) return { contract: reverted.data.errorName, args: reverted.data.args ?? [] };
  const data = reverted?.raw ?? revertDataOf(error);
  const decoded = data ? decodeRevert(data) : undefined;
  if (decoded)
    return known(decoded.errorName) ? { contract: decoded.errorName, args: decoded.args } : { failure: 'refused' };
  const transport = transportKind(error);
  if (transport) return { failure: transport };
  if (reverted) return reverted.reason ? { refusedWith: reverted.reason } : { failure: 'refused' };
  return { failure: 'unknown' };
}

/** The kind of an error, for a page deciding whether a retry helps ('contract' for our own refusals). */
export function errorKind(error: unknown): FailureKind | 'contract' | 'own' {
  const described = describe(error);
  return 'failure' in described ? described.failure : 'contract' in described ? 'contract' : 'own';
}

/**
 * The one place that turns any error into words, in `locale` (the catalogue's errors namespace): our custom errors
 * (decoded from whatever viem error carries them), the wallet's, the network's and the configuration's failures,
 * and otherwise a message that is already a sentence of ours. Never returns a library's text: no URL, request body,
 * version or docs link. Components use `useHumanize()` (the page's language); other callers may omit `locale`.
 */
export function humanizeError(error: unknown, locale: Locale = DEFAULT_LOCALE): string {
  const described = describe(error);
  if ('contract' in described) return sentenceFor(described.contract, described.args, locale)!;
  if ('own' in described) return described.own;
  const t = translator(locale);
  if ('refusedWith' in described) return t('refusedWith', { reason: described.refusedWith });
  return t(`transport.${described.failure}`);
}

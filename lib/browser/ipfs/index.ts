/**
 * Browser-safe entry point of the IPFS module: the verifying client and Kubo's CID layout.
 * The development node (`./dev-node`) is Node-only and deliberately not re-exported here.
 */
export { createIpfsClient, IpfsIntegrityError, IpfsDocumentTooLargeError, DEFAULT_MAX_DOCUMENT_BYTES } from './client';
export type { IpfsClient, IpfsClientOptions, AddBytesOptions, CatBytesOptions } from './client';
export { computeKuboCid, resolveKuboAddOptions, KUBO_CHUNK_SIZE } from './kubo-import';
export type { KuboAddOptions } from './kubo-import';

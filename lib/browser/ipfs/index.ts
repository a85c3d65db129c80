/**
 * Browser-safe entry point of the IPFS module: the client that checks every document against its CID locally
 * (Kubo's layout), and the dApp served from IPFS: the CID the consortium published
 * (`dapp.cid`). The development node is Node-only and lives in lib/dev/ipfs-node.
 */
export { createIpfsClient } from './client';
export type { IpfsClient } from './client';
export { checkPublishedCid, cidFromParameterValue, cidParameterValue, readPublishedDappCid } from './published';
export type { PublishedCheck } from './published';

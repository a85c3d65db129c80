import { bytesToHex, type Hex } from 'viem';

/** The sha256 of a file, computed in the browser: the document itself never leaves the device. */
export async function sha256OfFile(file: Blob): Promise<Hex> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return bytesToHex(new Uint8Array(digest));
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A static export: the only server is the RPC proxy; any static host serves this build.
  output: 'export',
  reactStrictMode: true,
  images: { unoptimized: true },
  poweredByHeader: false,
  trailingSlash: false,
  // Relative asset URLs ('./_next/...'): every page is a top-level file (trailingSlash false), so the same
  // export works at a domain root and under an IPFS gateway path (/ipfs/<cid>/), whose prefix is unknown at
  // build time (the CID is computed from the build). See docs/DEPLOYMENT.md, "The dApp from IPFS".
  assetPrefix: './',
};

export default nextConfig;

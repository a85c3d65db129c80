/** @type {import('next').NextConfig} */
const nextConfig = {
  // A static export: the only server is the RPC proxy; any static host serves this build.
  output: 'export',
  reactStrictMode: true,
  images: { unoptimized: true },
  poweredByHeader: false,
  trailingSlash: false,
};

export default nextConfig;

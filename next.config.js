// @ts-check
// Security headers on every response; the CSP allows only our own origin (workers are same-origin
// module scripts, blob: is used for downloads built in the browser).
const securityHeaders = [
  {
    key: "Content-Security-Policy",
    value: [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'" + (process.env.NODE_ENV === "production" ? "" : " 'unsafe-eval'"),
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "worker-src 'self' blob:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ].join("; "),
  },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Type errors are caught once by `npm test` (its first step is `tsc --noEmit` over the whole tree,
  // tests included), not again inside every build.
  typescript: { ignoreBuildErrors: true },
  // Loaded from node_modules at run time, not bundled: native-ish or WASM packages the bundler mangles.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "s3rver", "@prisma/schema-engine-wasm", "pg-boss", "ssh2", "ssh2-sftp-client"],
  experimental: { serverActions: { bodySizeLimit: "1mb" } },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;

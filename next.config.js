/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time instead of bundled: PGlite and the Postgres driver read files
  // next to their own code (WebAssembly, extension bundles).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
};

export default nextConfig;

// Content-Security-Policy for every page and API response. It keeps scripts, styles, frames, fetches and
// form posts to this origin and forbids framing the app. Because script-src needs 'unsafe-inline' (see
// below), it does NOT stop an inline script or event handler that gets into the page: the defence against
// hostile model output stays the Markdown renderer, which never renders raw HTML
// (components/chat/markdown.tsx; tests/e2e/content-safety.test.ts).
const contentSecurityPolicy = [
  "default-src 'self'",
  // 'unsafe-inline': Next.js streams its bootstrap and React Server Component payload as inline
  // <script> tags (self.__next_f.push(...)); without nonces (which would force every page to be rendered
  // dynamically) they only run with 'unsafe-inline'. In development React also evaluates strings to
  // rebuild server stack traces, so `next dev` additionally gets 'unsafe-eval'; production never does.
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
  // React and Next set inline style attributes
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // recordings are played back from blob: URLs
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // the microphone is used by voice input on this origin only
  { key: "Permissions-Policy", value: "camera=(), geolocation=(), microphone=(self)" },
];

import createNextIntlPlugin from "next-intl/plugin";

// next-intl: each page's language and messages come from lib/i18n/request.ts (the account's choice, else the browser's)
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time instead of bundled: PGlite and the Postgres driver read files
  // next to their own code (WebAssembly, extension bundles), and so does pdfmake (its fonts).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "pdfmake", "unpdf", "mammoth"],
  poweredByHeader: false,
  // a self-contained server in .next/standalone (server.js and the node_modules it uses): what the
  // container image runs (Dockerfile), started by scripts/start.ts --standalone
  output: "standalone",
  // files read at run time that the standalone output's tracing cannot see: pdfmake's fonts (named by path)
  outputFileTracingIncludes: { "/**": ["./node_modules/pdfmake/fonts/Roboto/*.ttf"] },
  // forbidden(): a signed-in non-admin on an admin page gets app/forbidden.tsx with status 403
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);

# Switchboard's image: Next's standalone server, and what the start script needs to migrate and seed.
# Its build step and its command are the scripts tests/integration/deployment.test.ts runs (`npm run
# build`, then two instances of `node --import tsx scripts/start.ts --prebuilt` against one Postgres),
# and that test checks this file still names them. Settings: README, "Restarts and deployment".
ARG NODE_VERSION=20.20

# production dependencies; the install's postinstall step generates the Prisma client into lib/db/generated
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma prisma
RUN npm ci --omit=dev --no-audit --no-fund

# the build: every dependency, the sources, `npm run build` (scripts/build.ts: next build, standalone output)
FROM deps AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# what runs: no compiler, no sources of the pages, not root
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 DATA_DIR=/app/.data
COPY --from=deps /app/node_modules node_modules
COPY package.json tsconfig.json prisma.config.ts ./
COPY prisma prisma
COPY scripts scripts
COPY lib lib
COPY --from=deps /app/lib/db/generated lib/db/generated
COPY --from=build /app/.next/standalone .next/standalone
# DATA_DIR holds the generated session secret when NEXTAUTH_SECRET is unset (and PGlite without DATABASE_URL)
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# migrations and seed (once, under a Postgres advisory lock, however many instances start), then the
# standalone server; SIGTERM drains the instance (SHUTDOWN_GRACE_MS) before it exits
CMD ["node", "--import", "tsx", "scripts/start.ts", "--prebuilt"]

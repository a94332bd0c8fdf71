# syntax=docker/dockerfile:1
# The bot in a container: `docker build -t remembrance-bot .`, then see README.md ("Deploy").
ARG NODE_VERSION=20.20

# Builder: every dependency (TypeScript too), compilers in case better-sqlite3 has no prebuilt binary for
# this platform, the compiled bot; then the dev dependencies are pruned away.
FROM node:${NODE_VERSION}-bookworm AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# Runtime: slim Node, production dependencies and compiled code only, not root, the SQLite file on a volume.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATABASE_URL=sqlite:/data/remembrance.sqlite \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080
WORKDIR /app
COPY --from=builder /app/package.json /app/package-lock.json ./
COPY --from=builder /app/node_modules ./node_modules
COPY --from=builder /app/dist ./dist
COPY data ./data
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.HTTP_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and gets SIGTERM from `docker stop` itself (no npm, no shell in between); the bot handles it
# and exits 0 after draining sends. Give it more than the 10 s drain: docker stop -t 30 (compose: stop_grace_period).
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=4", "--optimize-for-size", "dist/src/run-main.js"]

# syntax=docker/dockerfile:1
# One image recipe for every service:  docker build --build-arg APP=gateway|auth-service|admin-service .
# (docker compose passes APP per service.)

ARG NODE_IMAGE=node:20-bookworm-slim

# npm 11 reads the install-script policy the project commits (.npmrc strict-allow-scripts and
# package.json allowScripts); the Node 20 image ships npm 10, which would ignore it and run every script.
FROM ${NODE_IMAGE} AS base
RUN npm install -g npm@11.19.1 --no-audit --no-fund && npm cache clean --force
WORKDIR /app

# Build: all dependencies, then the one app (nest build also copies the gateway's views into dist) and
# the health probe (scripts/healthcheck.ts, compiled by tsc to dist/tooling/scripts/healthcheck.js).
FROM base AS build
ARG APP
RUN test -n "$APP" || { echo 'build with --build-arg APP=gateway|auth-service|admin-service' >&2; exit 1; }
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json .swcrc ./
COPY libs ./libs
COPY apps ./apps
COPY scripts ./scripts
RUN test -d "apps/$APP" || { echo "no app named $APP under apps/" >&2; exit 1; } \
 && npx nest build "$APP" \
 && npx tsc -p scripts

# Production dependencies only, in a stage of their own so the build's dev tools never reach the image.
FROM base AS production-deps
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production \
    APP=${APP}
WORKDIR /app
# Owned by root and read-only to the service: a compromised process cannot rewrite its own code.
COPY --from=production-deps /app/node_modules ./node_modules
COPY package.json ./
COPY scripts/node-options.json ./scripts/
# The service's V8 heap settings (docs/performance.md, "Memory"), read once here rather than by a node at every start.
RUN node -p "require('./scripts/node-options.json')[process.env.APP].join(' ')" > node-options
COPY --from=build /app/dist/apps/${APP} ./dist/apps/${APP}
# At the path it has in the repository, so docker-compose.yml's health check runs the same command as a developer.
COPY --from=build /app/dist/tooling/scripts/healthcheck.js ./dist/tooling/scripts/
# The image's unprivileged "node" user (uid 1000).
USER node
EXPOSE 3000
# exec: node becomes PID 1 and receives SIGTERM itself, so Nest's shutdown hooks close connections cleanly.
CMD ["/bin/sh", "-c", "exec node $(cat node-options) dist/apps/$APP/apps/$APP/src/main.js"]

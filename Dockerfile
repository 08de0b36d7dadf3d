# syntax=docker/dockerfile:1
# One image for the API and the worker: they differ by command (see docker-compose.yml).
# The apps run their TypeScript through tsx, as `pnpm start` does, so the image keeps the workspace's
# node_modules (tsx included) and the built web app, which the API serves.

FROM node:20-bookworm-slim AS base
ENV CI=true
RUN npm i -g pnpm@12.21.0
WORKDIR /app

# Dependencies first, from the manifests alone, so that a code change does not reinstall them.
FROM base AS deps
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY apps/worker/package.json apps/worker/
COPY packages/channels/package.json packages/channels/
COPY packages/db/package.json packages/db/
COPY packages/domain/package.json packages/domain/
COPY packages/dispatch/package.json packages/dispatch/
COPY packages/imports/package.json packages/imports/
COPY packages/jobs/package.json packages/jobs/
COPY packages/sandbox/package.json packages/sandbox/
COPY packages/templates/package.json packages/templates/
RUN pnpm install --frozen-lockfile

FROM deps AS build
COPY . .
RUN pnpm --filter @relance/web build

FROM base AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    WEB_DIST=/app/apps/web/dist
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "apps/api/src/main.ts"]

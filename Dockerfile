# The service image: build with the dev dependencies, run with the production ones only.
#
# Runtime: Node 24 LTS (maintained until April 2028; README "Supported runtimes"). The exact version is the one CI's
# second pass tests (.ci/node24/package.json): test/deployment/dockerfile.test.ts fails when the two differ, and
# test/deployment/image-rehearsal.test.ts runs these steps on that Node.
# Base: Debian 13 (trixie), Debian's stable release; Debian 12's regular security support ended in June 2026.
# npm ci --ignore-scripts: no dependency's install script runs in the build. None is needed (argon2's and the
# bundlers' binaries come as prebuilt packages; the rehearsal builds without them), and one would otherwise send
# install analytics (@scarf/scarf, from the Swagger UI's package) from the build machine.
FROM node:24.22.3-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json ./web/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY read-models ./read-models
COPY projections ./projections
COPY web ./web
RUN npm run build

FROM node:24.22.3-trixie-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json ./web/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]

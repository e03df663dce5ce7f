# syntax=docker/dockerfile:1
# aot-agent: Native AOT image for linux/amd64 and linux/arm64.
#   docker buildx build --platform linux/amd64,linux/arm64 -t ghcr.io/aot-agent/aot-agent:0.1.0 \
#     --build-arg VERSION=0.1.0 --build-arg REVISION="$(git rev-parse HEAD)" .
#
# The build stage always runs on the build machine's architecture ($BUILDPLATFORM) and cross-compiles for
# $TARGETARCH, as in the dotnet/dotnet-docker releasesapi cross samples. The toolchain comes from the same package lists
# that test.sh and demo.sh install from, through the same script: scripts/packages/aot-native.txt (the SDK's aot image
# has it already, so that is a no-op) and, for a cross build, scripts/packages/aot-cross-$TARGETARCH.txt (clang, llvm,
# the target's cross gcc and libc from the build architecture's own archive). No target-architecture archive or
# zlib1g-dev:$TARGETARCH: the .NET 10 runtime pack links its own libz.a. The publish command is scripts/publish.sh,
# the same one the tests and benchmarks run; for a cross build it makes clang the linker and picks the objcopy.
#
# Reproducible bases: pin both images by digest, e.g.
#   --build-arg SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble-aot@sha256:<digest>
#   --build-arg RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled@sha256:<digest>
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble-aot
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled

FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build
ARG BUILDARCH
ARG TARGETARCH
WORKDIR /source
COPY --link scripts/install-toolchain.sh scripts/
COPY --link scripts/packages/ scripts/packages/
RUN <<EOS
set -eu
case "$TARGETARCH" in
  amd64 | arm64) ;;
  *) echo "unsupported TARGETARCH: $TARGETARCH" >&2; exit 1 ;;
esac
lists=aot-native
if [ "$TARGETARCH" != "$BUILDARCH" ]; then lists="$lists aot-cross-$TARGETARCH"; fi
scripts/install-toolchain.sh $lists
rm -rf /var/lib/apt/lists/*
EOS

# The restore layer: only what the restore reads, so a source change does not download the packages again.
COPY --link global.json Directory.Build.props Directory.Packages.props ./
COPY --link src/AotAgent/AotAgent.csproj src/AotAgent/
# TARGETARCH (amd64|arm64) -> .NET RID (linux-x64|linux-arm64), kept in /tmp/rid for the publish.
RUN --mount=type=cache,target=/root/.nuget/packages <<EOS
set -eu
case "$TARGETARCH" in
  amd64) rid=linux-x64 ;;
  arm64) rid=linux-arm64 ;;
  *) echo "unsupported TARGETARCH: $TARGETARCH" >&2; exit 1 ;;
esac
echo "$rid" > /tmp/rid
dotnet restore src/AotAgent/AotAgent.csproj -r "$rid" -nologo -v quiet
EOS

COPY --link . .
RUN --mount=type=cache,target=/root/.nuget/packages <<EOS
set -eu
rid=$(cat /tmp/rid)
scripts/publish.sh "$rid" /out
test -x /out/aot-agent
EOS

# Final stage: Ubuntu chiseled runtime-deps, no shell and no package manager.
FROM ${RUNTIME_IMAGE} AS final
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG SOURCE=https://github.com/aot-agent/aot-agent
LABEL org.opencontainers.image.title="aot-agent" \
      org.opencontainers.image.description="Picks the node's primary CNI config by stated rules and writes the Multus config that delegates to it" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.version="${VERSION}"
WORKDIR /app
COPY --link --from=build /out/ /app/
# The base image's non-root "app" user (APP_UID 1654), named here so the image never runs as root by accident. The
# Helm chart sets runAsUser 0 only because the host's /etc/cni/net.d is root-owned (every capability dropped, read-only
# root filesystem): see deploy/README.md, "Security properties".
USER 1654:1654
EXPOSE 9747
ENTRYPOINT ["/app/aot-agent"]
CMD ["run"]

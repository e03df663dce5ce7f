# syntax=docker/dockerfile:1
# aot-agent: Native AOT image for linux/amd64 and linux/arm64.
#   docker buildx build --platform linux/amd64,linux/arm64 -t ghcr.io/aot-agent/aot-agent:0.1.0 .
#
# The build stage always runs on the build machine's architecture ($BUILDPLATFORM) and
# cross-compiles for $TARGETARCH, following the dotnet/dotnet-docker releasesapi samples
# (Dockerfile.ubuntu-cross-x64-arm64 / Dockerfile.ubuntu-cross-arm64-x64): add the target
# architecture's Ubuntu packages, install the cross gcc and the target zlib, then publish for the
# target RID. The publish command is scripts/publish.sh, the same one the tests and benchmarks run.

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot AS build
ARG BUILDARCH
ARG TARGETARCH
RUN <<EOS
set -eu
if [ "$TARGETARCH" = "$BUILDARCH" ]; then exit 0; fi
case "$TARGETARCH" in
  arm64) gcc=gcc-aarch64-linux-gnu; uri=http://ports.ubuntu.com/ubuntu-ports/ ;;
  amd64) gcc=gcc-x86-64-linux-gnu;  uri=http://archive.ubuntu.com/ubuntu/ ;;
  *) echo "unsupported TARGETARCH: $TARGETARCH" >&2; exit 1 ;;
esac
# Pin the existing sources to the build architecture, add the target architecture's archive.
sed -i "/Signed-By/ a Architectures: $BUILDARCH" /etc/apt/sources.list.d/ubuntu.sources
cat > "/etc/apt/sources.list.d/$TARGETARCH.sources" <<SOURCES
Types: deb
URIs: $uri
Suites: noble noble-updates noble-security
Components: main restricted
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
Architectures: $TARGETARCH
SOURCES
dpkg --add-architecture "$TARGETARCH"
apt-get update
apt-get install -y --no-install-recommends "$gcc" "zlib1g-dev:$TARGETARCH"
rm -rf /var/lib/apt/lists/*
EOS

WORKDIR /source
COPY --link . .
# TARGETARCH (amd64|arm64) -> .NET RID (linux-x64|linux-arm64).
RUN --mount=type=cache,target=/root/.nuget/packages <<EOS
set -eu
case "$TARGETARCH" in
  amd64) rid=linux-x64 ;;
  arm64) rid=linux-arm64 ;;
  *) echo "unsupported TARGETARCH: $TARGETARCH" >&2; exit 1 ;;
esac
scripts/publish.sh "$rid" /out
test -x /out/aot-agent
EOS

# Final stage: Ubuntu chiseled runtime-deps, no shell and no package manager.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS final
WORKDIR /app
COPY --link --from=build /out/ /app/
# The image keeps the base image's non-root user; the Helm chart sets runAsUser 0 only because the
# host's /etc/cni/net.d is root-owned (all capabilities dropped, read-only root filesystem).
EXPOSE 9747
ENTRYPOINT ["/app/aot-agent"]
CMD ["run"]

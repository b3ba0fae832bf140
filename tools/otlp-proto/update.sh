#!/usr/bin/env bash
# Replaces apps/ingest/proto with the upstream .proto files at the versions pinned in
# tools/otlp-proto/pom.xml (resolved from Maven Central by `mvn dependency:unpack`) and prints
# the SHA-256 of each, for apps/ingest/proto/README.md. Run by hand when moving to a new OTLP
# release; builds and tests never run it (the files are committed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="$root/apps/ingest/proto"

mvn -q -B -f "$here/pom.xml" dependency:unpack
files=(
  opentelemetry/proto/common/v1/common.proto
  opentelemetry/proto/resource/v1/resource.proto
  opentelemetry/proto/trace/v1/trace.proto
  opentelemetry/proto/collector/trace/v1/trace_service.proto
  google/rpc/status.proto
)
for f in "${files[@]}"; do
  mkdir -p "$target/$(dirname "$f")"
  cp "$here/target/proto/$f" "$target/$f"
done
rm -rf "$here/target"
cd "$target"
sha256sum "${files[@]}"

#!/usr/bin/env bash
# One command from a fresh clone to a running service: installs what is missing, builds, serves on embedded defaults
# (SQLite under ./data, shipped models, samples/parts). Extra arguments go to `castinspect serve`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/prereqs.sh runtime
dotnet build src/CastInspect.Cli/CastInspect.Cli.csproj -c Release -nologo -v quiet
exec ./castinspect serve "$@"

#!/usr/bin/env bash
# Runs every test: installs what is missing, builds the solution (warnings are errors), runs all test projects,
# and closes with "Tests: N passed, N failed" from the real totals of all test projects.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/prereqs.sh test || exit 1
dotnet build CastInspect.sln -c Release -nologo -v minimal || { echo "Tests: 0 passed, 0 failed"; echo "build failed" >&2; exit 1; }
results=artifacts/test-results
rm -rf "$results"
rc=0
for proj in tests/*/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  dotnet test "$proj" -c Release --no-build --nologo --results-directory "$results" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" "$@" || rc=1
done
passed=0; failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [[ $rc -eq 0 && $passed -eq 0 ]]; then rc=1; echo "no test ran" >&2; fi
echo "Tests: $passed passed, $failed failed"
exit $rc

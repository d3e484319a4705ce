#!/usr/bin/env bash
# Runs every test: installs what is missing, builds the solution (warnings are errors), runs all test projects and the
# training code's Python tests, and closes with "Tests: N passed, N failed" from the real totals of all of them.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/prereqs.sh test || exit 1
scripts/prereqs.sh training || exit 1
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
# The training code's own tests (Debian python3-torch; no network): what the shipped ONNX files and the C# side rely on.
mkdir -p "$results"
py_log="$results/training-tests.log"
/usr/bin/python3 -W ignore -m unittest discover -s models/training -p "test_*.py" -v >"$py_log" 2>&1 || rc=1
cat "$py_log"
py_ran=$(sed -n 's/^Ran \([0-9]*\) tests\{0,1\} in .*/\1/p' "$py_log")
py_bad=0
for n in $(grep -o '\(failures\|errors\)=[0-9]*' "$py_log" | cut -d= -f2); do py_bad=$((py_bad + n)); done
if [[ -z "$py_ran" ]]; then echo "training tests did not run" >&2; rc=1; py_ran=0; fi
failed=$((failed + py_bad)); passed=$((passed + py_ran - py_bad))
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [[ $rc -eq 0 && $passed -eq 0 ]]; then rc=1; echo "no test ran" >&2; fi
echo "Tests: $passed passed, $failed failed"
exit $rc

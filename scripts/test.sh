#!/usr/bin/env bash
# The test command: installs and starts what the tests need, builds, runs every test project,
# and ends with one line "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash scripts/install-test-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

if ! dotnet build Realtime.sln -c Debug -nologo -v quiet; then
  echo "0 passed, 1 failed"
  exit 1
fi

log="$(mktemp)"
dotnet test Realtime.sln -c Debug --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Each test project prints "Passed!  - Failed: F, Passed: P, ..." or "Failed!  - ...".
read -r passed failed < <(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+).*/\2 \1/' \
  | awk '{p+=$1; f+=$2} END {print p+0, f+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "$passed passed, $failed failed"
exit "$status"

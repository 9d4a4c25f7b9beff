#!/usr/bin/env bash
# Known vulnerabilities in the locked Python packages (pip-audit) and the npm packages
# (npm audit). Both ask an online vulnerability database. A package that could not be checked
# fails the audit, as does a finding: "nothing found" must mean "checked and clean".
# AUDIT_UNREACHABLE=warn turns an unreachable database into a warning (an offline build).
# Accepted findings go in requirements/audit-ignore.txt, one ID per line with the reason.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
UNREACHABLE=${AUDIT_UNREACHABLE:-fail}
status=0
unreachable=()

ignores=()
while read -r id _; do
  [[ -n "$id" && "$id" != \#* ]] && ignores+=(--ignore-vuln "$id")
done < requirements/audit-ignore.txt

echo "== pip-audit (requirements/dev.lock) =="
report=$(mktemp)
trap 'rm -f "$report"' EXIT
"$BIN/pip-audit" -r requirements/dev.lock --progress-spinner off --format json -o "$report" \
  "${ignores[@]}" >/dev/null 2>&1
pip_status=$?
read -r total skipped found < <("$BIN/python" - "$report" <<'PY'
import json, sys
try:
    deps = json.load(open(sys.argv[1]))["dependencies"]
except (OSError, ValueError, KeyError):
    print(0, 0, 0)
else:
    print(len(deps), sum("skip_reason" in d for d in deps), sum(len(d.get("vulns", [])) for d in deps))
PY
)
if [[ "$total" == 0 || "$skipped" != 0 ]]; then
  unreachable+=("pip-audit: ${skipped}/${total} pakketten niet gecontroleerd (vulnerability service onbereikbaar)")
elif [[ "$found" != 0 || "$pip_status" != 0 ]]; then
  "$BIN/pip-audit" -r requirements/dev.lock --progress-spinner off "${ignores[@]}"
  status=1
else
  echo "pip-audit: ${total} pakketten gecontroleerd, geen bekende kwetsbaarheden"
fi

echo "== npm audit =="
npm_json=$(npm audit --json 2>/dev/null)
npm_status=$?
if [[ $npm_status != 0 ]] && ! grep -q '"vulnerabilities"' <<<"$npm_json"; then
  unreachable+=("npm audit: $(grep -o '"message": *"[^"]*"' <<<"$npm_json" | head -1)")
elif [[ $npm_status != 0 ]]; then
  npm audit
  status=1
else
  echo "npm audit: geen bekende kwetsbaarheden"
fi

for line in "${unreachable[@]}"; do
  echo "NIET GECONTROLEERD: $line" >&2
done
if [[ ${#unreachable[@]} != 0 && "$UNREACHABLE" != warn ]]; then
  echo "De controle op kwetsbaarheden kon niet worden gedaan; zie hierboven." >&2
  echo "(AUDIT_UNREACHABLE=warn maakt hiervan een waarschuwing.)" >&2
  status=1
fi
exit $status

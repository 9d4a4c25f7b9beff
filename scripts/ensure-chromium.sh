#!/usr/bin/env bash
# Browser tests drive Debian's Chromium. Install it when we can; otherwise say why they skip.
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium ontbreekt: installeren met apt-get (Debian-pakket chromium)..."
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/tmp/chromium-install.log 2>&1; then
    exit 0
  fi
  echo "Installeren van Chromium is mislukt, zie /tmp/chromium-install.log."
fi
echo "LET OP: /usr/bin/chromium ontbreekt; de browsertests (tests/e2e) worden overgeslagen."
echo "        Installeer het Debian-pakket 'chromium' om ze te draaien."
if [ "${CI:-}" = "true" ]; then
  echo "In CI moeten de browsertests draaien: stoppen." >&2
  exit 1
fi
exit 0

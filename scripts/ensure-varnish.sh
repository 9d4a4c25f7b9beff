#!/usr/bin/env bash
# tests/scaleout runs the site behind Debian's Varnish. Install it when we can.
set -u
if command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Varnish ontbreekt: installeren met apt-get (Debian-pakket varnish)..."
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish) >/tmp/varnish-install.log 2>&1; then
    # The package starts no daemon without systemd; the tests start their own.
    exit 0
  fi
  echo "Installeren van Varnish is mislukt, zie /tmp/varnish-install.log."
fi
echo "LET OP: varnishd ontbreekt; tests/scaleout worden overgeslagen."
if [ "${CI:-}" = "true" ]; then
  echo "In CI moeten de tests van de productieopstelling draaien: stoppen." >&2
  exit 1
fi
exit 0

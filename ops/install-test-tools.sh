#!/usr/bin/env bash
# Installs the machine packages the test suite needs beyond JDK, Maven and Node: headless Chromium and its
# driver for the browser tests, a CJK font so Chinese renders in screenshots and posters, zbarimg and openpyxl
# (independent QR decoder and Excel writer used by tests). Idempotent.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "noto sans cjk\|wenquanyi" || need+=(fonts-noto-cjk)
# An independent QR decoder and an independent Excel writer for test fixtures.
command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
/usr/bin/python3 -c "import openpyxl" >/dev/null 2>&1 || need+=(python3-openpyxl)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "Missing packages: ${need[*]} — install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Installing ${need[*]} ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null

#!/usr/bin/env bash
# Installs the Debian packages CastInspect needs, only those missing. Usage: scripts/prereqs.sh [runtime|test|training]
#   runtime  : libgtk-3-0 (the OpenCV native library links GTK)
#   test     : runtime + chromium (headless browser tests of the web viewer)
#   training : runtime + python3-torch, python3-numpy, python3-pil (model training, CPU; reads 16-bit PNG), python3-onnx
#              (reads a shipped model's weights back to continue training from it)
set -euo pipefail
want=(libgtk-3-0)
case "${1:-runtime}" in
  runtime) ;;
  test) want+=(chromium) ;;
  training) want+=(python3-torch python3-numpy python3-pil python3-onnx) ;;
  *) echo "prereqs.sh: unknown set '$1' (runtime|test|training)" >&2; exit 2 ;;
esac
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "Installing missing packages: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

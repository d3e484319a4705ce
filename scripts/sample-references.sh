#!/usr/bin/env bash
# Writes the X-ray reference images of samples/parts/UB-R-1000.json: the golden views `castinspect synth` renders from the
# part's geometry (no offset, no flaws, low noise), reduced to 8 bits so the samples stay small. Registration compares
# zero-mean, unit-variance copies, so the 8-bit reference registers as the 16-bit one does.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/castinspect" synth --part "$root/samples/parts/UB-R-1000.json" --count 1 --seed 1 --modality xray --out "$work" >/dev/null
mkdir -p "$root/samples/parts/UB-R-1000"
/usr/bin/python3 - "$work/reference" "$root/samples/parts/UB-R-1000" <<'PY'
import sys
import numpy as np
from PIL import Image
source, target = sys.argv[1], sys.argv[2]
for view in ("XR-1", "XR-2", "XR-3"):
    grey = np.asarray(Image.open(f"{source}/{view}.png"), dtype=np.float64)
    scaled = (grey - grey.min()) / (grey.max() - grey.min()) * 255
    Image.fromarray(np.round(scaled).astype(np.uint8)).save(f"{target}/{view}-reference.png", optimize=True)
PY
ls -l "$root/samples/parts/UB-R-1000"

#!/usr/bin/env bash
# Regenerates the training data with `castinspect synth` (seeded) and retrains both models; writes models/*.onnx and
# models/manifest.json. Usage: models/training/train.sh [minutes-per-model]   (CPU; both models train side by side)
# Seeds 101 (X-ray) and 102 (surface) are training seeds; 9001 is the held-out evaluation seed and must never be used here.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
minutes="${1:-22}"
# Hyper-parameters of the shipped 1.1.0 models.
hyper="--crop 96 --batch 16 --lr 0.002 --defect-weight 5 --defect-fraction 0.6 --version 1.1.0"
data="$root/models/training/data"
synth="${CASTINSPECT:-$root/castinspect}"
part="${PART:-$root/samples/parts/UB-R-1000.json}"
cd "$root"
rm -rf "$data/train-xray" "$data/train-surface"
"$synth" synth --part "$part" --count 100 --seed 101 --defect-rate 0.8 --modality xray --out "$data/train-xray"
"$synth" synth --part "$part" --count 120 --seed 102 --defect-rate 0.8 --modality surface --out "$data/train-surface"
py=/usr/bin/python3
$py models/training/train.py --modality xray --data "$data/train-xray" --minutes "$minutes" --threads 1 $hyper > "$data/train-xray.log" 2>&1 &
x=$!
$py models/training/train.py --modality surface --data "$data/train-surface" --minutes "$minutes" --threads 1 $hyper > "$data/train-surface.log" 2>&1 &
s=$!
wait $x
wait $s
tail -n 2 "$data/train-xray.log" "$data/train-surface.log"

#!/usr/bin/env bash
# The command a session lent the GPU machine runs there (PyTorch, no .NET): trains from a pack.py file carried in the
# working tree and leaves the model, its manifest entry and its weights under $OUT, to be tuned back here.
#
#   run: bash models/training/gpu-train.sh .gpu/surface.npz 8 --modality surface --crop 160 --batch 64 ...
#
# $1: the pack, $2: training minutes (a command may run 10, the session's device time is 15); the rest go to train.py.
set -euo pipefail
pack="$(realpath "$1")"
minutes="$2"
shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
python3 "$here/train.py" --data "$pack" --device cuda --threads 8 --minutes "$minutes" --out "$OUT/model" "$@"
cp "$(dirname "$pack")"/*.pt "$OUT/"

"""gmm4 of docs/targets.md in NumPy, served to BoltzDrift.

    ./boltzdrift train --energy-command "python3 python/gmm4_energy.py" --batch 2048 --proposals-large 256 --out runs/gmm4-py
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from boltzdrift_energy import serve  # noqa: E402

MEANS = np.array([[2.0, 2.0], [-2.0, 2.0], [-2.0, -2.0], [2.0, -2.0]])
STD = 0.5


def energy(x):
    logits = -((x[:, None, :] - MEANS[None, :, :]) ** 2).sum(axis=2) / (2 * STD ** 2)
    top = logits.max(axis=1)
    return -(top + np.log(np.exp(logits - top[:, None]).sum(axis=1))) + np.log(4 * 2 * np.pi * STD ** 2)


serve(energy, dim=2)

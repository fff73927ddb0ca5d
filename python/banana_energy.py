"""The banana of docs/targets.md in NumPy, served to BoltzDrift (with its gradient).

    ./boltzdrift train --energy-command "python3 python/banana_energy.py" --bandwidths 0.2,0.5,1 --out runs/banana-py
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from boltzdrift_energy import serve  # noqa: E402

A, B, S = 1.5, 0.5, 0.5


def energy(x):
    ridge = x[:, 1] - B * (x[:, 0] ** 2 - A ** 2)
    return x[:, 0] ** 2 / (2 * A ** 2) + ridge ** 2 / (2 * S ** 2)


def gradient(x):
    ridge = x[:, 1] - B * (x[:, 0] ** 2 - A ** 2)
    return np.stack([x[:, 0] / A ** 2 - 2 * B * x[:, 0] * ridge / S ** 2, ridge / S ** 2], axis=1)


serve(energy, dim=2, gradient=gradient)

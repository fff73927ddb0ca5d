"""Serve an energy to BoltzDrift over standard input and output.

    # my_energy.py
    from boltzdrift_energy import serve
    serve(lambda x: 0.5 * (x ** 2).sum(axis=1), dim=2)

    ./boltzdrift train --energy-command "python3 my_energy.py" --out runs/mine

`energy(x)` receives a float64 array of shape [n, dim] (a batch of points) and returns n energies.
`gradient(x)`, if given, returns the [n, dim] gradients of the energy; BoltzDrift asks for them only
where it needs them (the gradient-based MCMC baselines). Return +inf where the density is zero; NaN is
an error. Print nothing else on stdout: it carries the protocol (use stderr for messages).

The protocol (docs/interop.md), all integers uint32 and all numbers float64, little-endian:
  server greeting: b"BDENERGY", version 1, dim, flags (bit 0: can return gradients)
  request:         b"BDRQ", n, d, flags (bit 0: gradients wanted), then n*d coordinates, row by row
  reply:           b"BDRP", n, flags (bit 0: gradients follow), then n energies, then n*d gradients
BoltzDrift closes the server's standard input when it is done; serve() then returns.
"""
import struct
import sys

import numpy as np

VERSION = 1


def _read_exactly(stream, count):
    data = bytearray()
    while len(data) < count:
        chunk = stream.read(count - len(data))
        if not chunk:
            return None
        data += chunk
    return bytes(data)


def serve(energy, dim, gradient=None, stdin=None, stdout=None):
    """Answer BoltzDrift's requests with energy(x) (and gradient(x)) until it closes the input."""
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    stdout.write(b"BDENERGY" + struct.pack("<III", VERSION, dim, 1 if gradient is not None else 0))
    stdout.flush()
    while True:
        header = _read_exactly(stdin, 16)
        if header is None:
            return
        magic, n, d, flags = header[:4], *struct.unpack("<III", header[4:])
        if magic != b"BDRQ" or d != dim:
            sys.exit(f"boltzdrift_energy: malformed request (magic {magic!r}, dimension {d}, expected {dim})")
        x = np.frombuffer(_read_exactly(stdin, 8 * n * d), dtype="<f8").reshape(n, d)
        e = np.asarray(energy(x), dtype="<f8").reshape(-1)
        if e.shape[0] != n:
            sys.exit(f"boltzdrift_energy: energy(x) returned {e.shape[0]} values for {n} points")
        want_gradient = bool(flags & 1) and gradient is not None
        stdout.write(b"BDRP" + struct.pack("<II", n, 1 if want_gradient else 0))
        stdout.write(e.tobytes())
        if want_gradient:
            stdout.write(np.asarray(gradient(x), dtype="<f8").reshape(n, d).tobytes())
        stdout.flush()

namespace BoltzDrift.Training;

/// <summary>
/// The energy cannot define a Boltzmann distribution where training would look: it is not finite anywhere, or
/// it is unbounded below. Found before training starts (by the pilot) or during it; like a divergence, it ends
/// the run (CLI exit code 3), but the fault is the energy's, not the optimiser's.
/// </summary>
public sealed class DegenerateEnergyException(string message) : Exception(message);

namespace BoltzDrift.Interop.Energies;

/// <summary>
/// An energy outside BoltzDrift (another process, an ONNX model) failed while training was running: it crashed,
/// hung, answered with the wrong number of values, or returned NaN. The message is one line naming what happened.
/// </summary>
public sealed class EnergyFailedException(string message, Exception? inner = null) : Exception(message, inner);

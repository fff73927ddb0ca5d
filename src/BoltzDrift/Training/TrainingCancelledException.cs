namespace BoltzDrift.Training;

/// <summary>Training stopped on request between two steps; the message says what was kept and how to continue.</summary>
public sealed class TrainingCancelledException(string message, CancellationToken token) : OperationCanceledException(message, token);

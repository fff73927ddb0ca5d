namespace BoltzDrift.Training;

/// <summary>
/// When a run writes its checkpoint: a first one early, after <see cref="FirstAfterSteps"/> steps or
/// <see cref="FirstAfter"/> of training, whichever comes first, so that an interrupted or diverged run has
/// something to resume from; then every <see cref="TrainingConfig.CheckpointEvery"/> steps (0: only that first
/// one and the final one). Which steps get one never changes the training's numbers. The clock is the system's
/// unless a test injects one.
/// </summary>
internal sealed class CheckpointSchedule(int every, long startStep, TimeProvider? clock = null)
{
    public const int FirstAfterSteps = 50;
    public static readonly TimeSpan FirstAfter = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly long _start = (clock ?? TimeProvider.System).GetTimestamp();
    private bool _firstWritten = startStep > 0;

    /// <summary>Whether a checkpoint is due after <paramref name="step"/> steps.</summary>
    public bool IsDue(long step)
    {
        bool due = (every > 0 && step % every == 0) || (!_firstWritten && (step >= FirstAfterSteps || _clock.GetElapsedTime(_start) >= FirstAfter));
        if (due) _firstWritten = true;
        return due;
    }
}

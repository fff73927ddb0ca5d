using BoltzDrift.Engine;

namespace BoltzDrift.Training;

/// <summary>
/// Everything a run carries from step to step: the network, the weight average used for sampling,
/// and the optimiser's moments and step count. Saved whole in checkpoints, so a resumed run continues
/// exactly where it stopped.
/// </summary>
public sealed class TrainingState
{
    public TrainingState(Mlp network, float[] averagedParameters, Adam optimizer)
    {
        if (averagedParameters.Length != network.Parameters.Length)
            throw new ArgumentException("The weight average must have as many parameters as the network.");
        Network = network;
        AveragedParameters = averagedParameters;
        Optimizer = optimizer;
    }

    /// <summary>A fresh state for <paramref name="config"/> and a target of dimension <paramref name="dimension"/>.</summary>
    public static TrainingState Initialize(TrainingConfig config, int dimension)
    {
        var shape = new MlpShape(config.NoiseDimensionFor(dimension), dimension, config.Width, config.HiddenLayers, config.Activation);
        var net = Mlp.Initialize(shape, config.Seed, (float)config.InitialSpread);
        var adam = new Adam(shape.ParameterCount, new AdamOptions(MaxGradientNorm: (float?)config.MaxGradientNorm));
        return new TrainingState(net, (float[])net.Parameters.Clone(), adam);
    }

    public Mlp Network { get; }
    /// <summary>Exponential moving average of the parameters (the weights used for sampling).</summary>
    public float[] AveragedParameters { get; }
    public Adam Optimizer { get; }
    /// <summary>Steps completed.</summary>
    public long Step => Optimizer.Step;

    /// <summary>The network to sample from: the weight average.</summary>
    public Mlp SamplingNetwork => new(Network.Shape, AveragedParameters);
}

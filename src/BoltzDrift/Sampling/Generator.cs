using System.Collections.Concurrent;
using BoltzDrift.Energies.Particles;
using BoltzDrift.Engine;
using BoltzDrift.Numerics;
using BoltzDrift.Training;

namespace BoltzDrift.Sampling;

/// <summary>
/// A trained one-step sampler: each sample is one forward pass of the network on fresh Gaussian noise.
/// Samples are drawn in batches, spread over threads; the result depends only on the seed. A model trained with
/// <see cref="TrainingConfig.CentredParticles"/> must sample with the same layout, so that its samples
/// are projected onto zero centre of mass as in training.
/// </summary>
public sealed class Generator
{
    private const int BatchSize = 4096;
    private readonly Mlp _network;
    private readonly Parallelism _parallelism;
    private readonly ParticleLayout? _centredParticles;

    /// <param name="network">The trained network (usually <see cref="TrainingState.SamplingNetwork"/>).</param>
    /// <param name="parallelism">Threads; the samples do not depend on them.</param>
    /// <param name="centredParticles">The run's <see cref="TrainingConfig.CentredParticles"/>: each output's centre of mass is removed; null for none.</param>
    public Generator(Mlp network, Parallelism? parallelism = null, ParticleLayout? centredParticles = null)
    {
        GeneratorPass.RequireFit(network, centredParticles);
        _network = network;
        _parallelism = parallelism ?? Parallelism.Default;
        _centredParticles = centredParticles;
    }

    /// <summary>A generator for <paramref name="network"/> trained under <paramref name="config"/>: its thread count and centre-of-mass projection.</summary>
    public static Generator For(TrainingConfig config, Mlp network) =>
        new(network, new Parallelism(config.Threads), config.CentredParticles);

    /// <summary>Dimension of the generated points.</summary>
    public int Dimension => _network.Shape.OutputDimension;

    /// <summary>Draws <paramref name="count"/> samples into <paramref name="destination"/> (count × d, float32).</summary>
    public void Sample(Span<float> destination, int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int d = Dimension, k = _network.Shape.NoiseDimension;
        if (destination.Length < count * d) throw new ArgumentException($"Need room for {count} × {d} values.");
        // Passes and noise buffers are reused from batch to batch (a pass for 4,096 samples holds megabytes);
        // whichever a batch gets, its result depends only on its own noise stream.
        var idle = new ConcurrentBag<(GeneratorPass Pass, float[] Noise)>();
        int capacity = Math.Min(count, BatchSize);
        unsafe
        {
            fixed (float* pd = destination)
            {
                nint id = (nint)pd;
                _parallelism.For(count, BatchSize, (i0, i1) =>
                {
                    int b = i1 - i0;
                    if (!idle.TryTake(out var slot))
                        slot = (new GeneratorPass(_network, capacity, _centredParticles, forwardOnly: true), new float[capacity * k]);
                    var noise = slot.Noise.AsSpan(0, b * k);
                    var rng = new Rng(seed, stream: 0x5A4D + (ulong)(i0 / BatchSize));
                    rng.FillGaussian(noise);
                    slot.Pass.Forward(noise, b).CopyTo(new Span<float>((void*)id, count * d).Slice(i0 * d, b * d));
                    idle.Add(slot);
                });
            }
        }
    }

    /// <summary>Draws <paramref name="count"/> samples as a double-precision sample set.</summary>
    public SampleSet Sample(int count, ulong seed)
    {
        var values = new float[count * Dimension];
        Sample(values, count, seed);
        return SampleSet.FromSingle(values, Dimension);
    }
}

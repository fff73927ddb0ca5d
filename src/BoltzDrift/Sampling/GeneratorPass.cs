using BoltzDrift.Energies.Particles;
using BoltzDrift.Engine;
using BoltzDrift.Numerics;

namespace BoltzDrift.Sampling;

/// <summary>
/// The generator x = P f(ε) over a batch, as training and sampling both run it: the network's pass f, then, for a
/// translation-invariant particle target, the projection P onto zero centre of mass (<see cref="CentreOfMass"/>).
/// P is linear and symmetric, so <see cref="Backward"/> projects dL/dx by P before back-propagating it through f.
/// Without a particle layout, P is the identity and this is the network's pass unchanged.
/// </summary>
public sealed class GeneratorPass
{
    private readonly MlpPass _pass;
    private readonly ParticleLayout? _centredParticles;
    private readonly float[] _output, _outputGradient;
    private int _batch;

    /// <param name="network">The generator network f.</param>
    /// <param name="capacity">Largest batch.</param>
    /// <param name="centredParticles">Particles whose centre of mass P removes from every output; null for P = identity.</param>
    /// <param name="parallelism">Threads of the network's pass; results do not depend on them.</param>
    /// <param name="forwardOnly">Sampling only: no <see cref="Backward"/>, no buffers for it.</param>
    public GeneratorPass(Mlp network, int capacity, ParticleLayout? centredParticles, Parallelism? parallelism = null, bool forwardOnly = false)
    {
        RequireFit(network, centredParticles);
        int d = network.Shape.OutputDimension;
        _pass = new MlpPass(network, capacity, parallelism, forwardOnly);
        _centredParticles = centredParticles;
        _output = centredParticles is null ? [] : new float[capacity * d];
        _outputGradient = centredParticles is null ? [] : new float[capacity * d];
    }

    /// <summary>Throws unless <paramref name="centredParticles"/> (if any) lays out exactly the points <paramref name="network"/> produces.</summary>
    internal static void RequireFit(Mlp network, ParticleLayout? centredParticles)
    {
        if (centredParticles is { } layout && layout.Dimension != network.Shape.OutputDimension)
            throw new ArgumentException($"Centring {layout.Count} particles in {layout.SpatialDimension}-D needs points of dimension {layout.Dimension}; the network produces dimension {network.Shape.OutputDimension}.");
    }

    /// <summary>x = P f(ε) for <paramref name="batch"/> noise vectors (batch × output dimension), valid until the next call.</summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> noise, int batch)
    {
        var output = _pass.Forward(noise, batch);
        _batch = batch;
        if (_centredParticles is not { } layout) return output;
        var centred = _output.AsSpan(0, output.Length);
        output.CopyTo(centred);
        CentreOfMass.RemoveInPlace(centred, layout);
        return centred;
    }

    /// <summary>
    /// Back-propagates dL/dx of the last <see cref="Forward"/> (batch × output dimension) through P and the network,
    /// writing dL/d(parameters) into <paramref name="parameterGradient"/> (overwritten).
    /// </summary>
    public void Backward(ReadOnlySpan<float> outputGradient, Span<float> parameterGradient)
    {
        if (_centredParticles is { } layout && _batch > 0)
        {
            var projected = _outputGradient.AsSpan(0, _batch * layout.Dimension);
            outputGradient[..projected.Length].CopyTo(projected);
            CentreOfMass.RemoveInPlace(projected, layout);
            outputGradient = projected;
        }
        _pass.Backward(outputGradient, parameterGradient);
    }
}

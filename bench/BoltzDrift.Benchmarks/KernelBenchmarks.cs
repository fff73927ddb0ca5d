using BenchmarkDotNet.Attributes;
using BoltzDrift.Drift;
using BoltzDrift.Energies;
using BoltzDrift.Engine;
using BoltzDrift.Numerics;

namespace BoltzDrift.Benchmarks;

/// <summary>The managed GEMM against OpenBLAS sgemm (the baseline of each row's ratio) on the training shapes.</summary>
[Config(typeof(KernelConfig))]
public class GemmBenchmarks
{
    private GemmOperands _operands = null!;

    public static IEnumerable<GemmShape> Shapes => GemmShape.Training();

    [ParamsSource(nameof(Shapes))] public GemmShape Shape { get; set; } = null!;

    [Params(1, 2)] public int Threads { get; set; }

    [GlobalSetup] public void Setup() => _operands = new GemmOperands(Shape, Threads);

    [Benchmark(Baseline = true)] public void OpenBlasSgemm() => _operands.OpenBlasSgemm();

    [Benchmark] public void Managed() => _operands.Managed();
}

/// <summary>A generator network's forward and backward pass over a training batch (4 → width³ → 2, gmm4's shape).</summary>
[Config(typeof(KernelConfig))]
public class NetworkBenchmarks
{
    private MlpPass _pass = null!;
    private float[] _noise = null!, _outputGradient = null!, _parameterGradient = null!;

    public static IEnumerable<NetworkShape> Shapes => [new(1024, 128), new(1024, 256), new(4096, 128)];

    [ParamsSource(nameof(Shapes))] public NetworkShape Shape { get; set; } = null!;

    [Params(1, 2)] public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var net = Mlp.Initialize(Shape.Mlp, seed: 1);
        _pass = new MlpPass(net, Shape.Batch, new Parallelism(Threads));
        var rng = new Rng(2);
        _noise = new float[Shape.Batch * Shape.Mlp.NoiseDimension];
        _outputGradient = new float[Shape.Batch * Shape.Mlp.OutputDimension];
        rng.FillGaussian(_noise);
        rng.FillGaussian(_outputGradient);
        _parameterGradient = new float[net.Parameters.Length];
    }

    [Benchmark] public void Forward() => _pass.Forward(_noise, Shape.Batch);

    [Benchmark]
    public void ForwardBackward()
    {
        _pass.Forward(_noise, Shape.Batch);
        _pass.Backward(_outputGradient, _parameterGradient);
    }
}

/// <summary>The network of the speed benchmark; its multiply-adds counted over the three products of each layer.</summary>
public sealed record NetworkShape(int Batch, int Width) : IFlopCount
{
    public MlpShape Mlp => new(4, 2, Width, 3);

    /// <summary>Forward and backward: 2 flops per multiply-add, three products per layer but no input gradient for layer 0.</summary>
    public double Flops
    {
        get
        {
            double products = 0;
            for (int l = 0; l < Mlp.Layers; l++) products += (l == 0 ? 2 : 3) * (double)Mlp.InputsOf(l) * Mlp.OutputsOf(l);
            return 2 * Batch * products;
        }
    }

    public override string ToString() => $"N={Batch} 3x{Width}";
}

/// <summary>The drift kernels of one gmm4 training step at batch 1,024 (bench-speed's defaults): sampler side and the largest-bandwidth importance sampler.</summary>
[Config(typeof(KernelConfig))]
public class DriftBenchmarks
{
    private const int Batch = 1024;
    private readonly double[] _bandwidths = [0.3, 1, 2];
    private float[] _points = null!, _drifts = null!;
    private SamplerDrift _sampler = null!;
    private ImportanceSamplingDrift _target = null!;
    private readonly DriftDiagnostics _diagnostics = new();

    [Params(1, 2)] public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var target = Targets.Get("gmm4");
        _points = new float[Batch * target.Dimension];
        new Rng(3).FillGaussian(_points);
        _drifts = new float[_bandwidths.Length * _points.Length];
        _sampler = new SamplerDrift(parallelism: new Parallelism(Threads));
        _target = new ImportanceSamplingDrift(target.Energy, 64, parallelism: new Parallelism(Threads));
    }

    [Benchmark] public void SamplerMeanShift() => _sampler.Estimate(_points, 2, _bandwidths, _drifts);

    [Benchmark] public void ImportanceSampling64() => _target.Estimate(_points, 2, _drifts.AsSpan(0, _points.Length), 7, _diagnostics);
}

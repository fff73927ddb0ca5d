using System.CommandLine;
using System.Globalization;
using BoltzDrift.Cli.Configuration;
using BoltzDrift.Drift;
using BoltzDrift.Energies;
using BoltzDrift.Energies.Particles;
using BoltzDrift.Training;
using BoltzDrift.Training.Pilot;

namespace BoltzDrift.Cli;

/// <summary>
/// The options that shape a training run, shared by <c>train</c>, <c>demo</c> and <c>bench-speed</c>.
/// Precedence, lowest first: the settings the pilot derives from the energy (<see cref="AutoSettings"/>), the
/// <c>--config</c> file, the flags given.
/// </summary>
internal sealed class TrainingOptions
{
    public readonly Option<string?> Config = new("--config")
    {
        HelpName = "FILE",
        Description = "JSON file of training options with the keys of a run's config.json; flags override it (example below).",
    };
    public readonly Option<TargetEstimator?> Estimator = new("--estimator")
    {
        HelpName = "is|curvature|hybrid",
        Description = "Target-side drift estimator: is (importance sampling, energies only), curvature (needs gradient and Hessian), "
            + "or hybrid (curvature for all bandwidths but the largest, importance sampling for the largest).",
        CustomParser = result => result.Tokens[0].Value.ToLowerInvariant() switch
        {
            "is" => TargetEstimator.ImportanceSampling,
            "curvature" => TargetEstimator.Curvature,
            "hybrid" => TargetEstimator.Hybrid,
            var other => Fail(result, $"--estimator: '{other}' is not an estimator (expected is, curvature or hybrid)."),
        },
    };
    public readonly Option<string?> EnergyExpression = new("--energy")
    {
        HelpName = "EXPR",
        Description = "Your own energy instead of a built-in target: an expression over x0..x{D-1} (x, y when D = 2) with + - * / ^, "
            + "exp log sqrt abs sin cos tanh softplus min max logsumexp(a, b, ...), sum(i, a, b, expr) and x[i]; needs --dim. "
            + "Example: --energy \"x^2/(2*1.5^2) + (y - 0.5*(x^2 - 1.5^2))^2/(2*0.5^2)\" --dim 2.",
    };
    public readonly Option<int?> Dimension = new("--dim") { HelpName = "D", Description = "Dimension of the --energy expression." };
    public readonly Option<int?> Steps = new("--steps") { Description = "Training steps." };
    public readonly Option<int?> Batch = new("--batch") { Description = "Generated samples per step (N)." };
    public readonly Option<int?> SamplerSamples = new("--sampler-samples") { Description = "Generator samples the sampler-side mean shift estimates q from: the batch plus forward-only ones (no drift, no back-propagation at them); at most --batch means the batch alone." };
    public readonly Option<ulong?> Seed = new("--seed") { Description = "Random seed (default 0)." };
    public readonly Option<int?> Proposals = new("--proposals") { Description = "Importance-sampling proposals per sample and bandwidth (M)." };
    public readonly Option<int?> ProposalsLarge = new("--proposals-large") { Description = "Proposals for the largest bandwidth, where weights are most degenerate." };
    public readonly Option<bool?> Jackknife = new("--jackknife") { HelpName = "true|false", Description = "Correct the importance-sampling drift's self-normalisation bias (O(1/M)) by the jackknife over its proposal pairs (default true; docs/method.md §3a)." };
    public readonly Option<string?> Bandwidths = new("--bandwidths") { Description = "Comma-separated kernel bandwidths, one summed drift term each (e.g. 0.3,1,2)." };
    public readonly Option<string?> BandwidthFloors = new("--bandwidth-floors") { Description = "Comma-separated floors the bandwidths anneal down to (with --bandwidth-decay)." };
    public readonly Option<double?> BandwidthDecay = new("--bandwidth-decay") { Description = "Exponential bandwidth annealing rate per step (0 = constant)." };
    public readonly Option<DriftNormalization?> Normalization = new("--normalization") { HelpName = "rms|none", Description = "Weighting of the bandwidth terms: rms (each to unit RMS) or none." };
    public readonly Option<SelfPairMode?> SelfPair = new("--self-pair") { HelpName = "guarded|exclude|include", Description = "Sampler-side self-pair: guarded (default), exclude or include." };
    public readonly Option<double?> NeighbourFloor = new("--neighbour-floor") { Description = "Every bandwidth is at least this times the batch's median nearest-neighbour distance (default 0.3; 0 = off)." };
    public readonly Option<double?> MinNeighbours = new("--min-neighbours") { Description = "Bandwidth terms whose sampler kernel sees fewer effective neighbours are down-weighted, both sides (default 5; 0 = off)." };
    public readonly Option<string?> Blocks = new("--blocks")
    {
        HelpName = "auto|none|LIST",
        Description = "Coordinate blocks the energy separates into, for a drift computed block by block: auto (default) = the pilot's, from the Hessian's sparsity; "
            + "none = all coordinates at once; or a list such as \"0,1;2,3\" (coordinates of a block separated by commas, blocks by semicolons; docs/method.md §10).",
    };
    public readonly Option<double?> LearningRate = new("--lr") { Description = "Adam learning rate." };
    public readonly Option<double?> LearningRateDecayStart = new("--lr-decay-start") { Description = "Fraction of training after which the learning rate is cut." };
    public readonly Option<double?> LearningRateDecayFactor = new("--lr-decay-factor") { Description = "Factor the learning rate is cut by." };
    public readonly Option<double?> Ema = new("--ema") { Description = "Decay of the weight average used for sampling (0 = none)." };
    public readonly Option<double?> Clip = new("--clip") { Description = "Clip the gradient's global norm to this value." };
    public readonly Option<int?> NoiseDimension = new("--noise-dim") { Description = "Dimension of the generator's input noise (default: the target's dimension, at least 4; fewer confines the samples to a lower-dimensional surface)." };
    public readonly Option<double?> InitialSpread = new("--initial-spread") { Description = "Scale of the untrained generator's output layer (initial sample spread is about half of it); larger puts mass in every basin from the start." };
    public readonly Option<int?> Width = new("--width") { Description = "Hidden units per layer." };
    public readonly Option<int?> Layers = new("--layers") { Description = "Hidden layers." };
    public readonly Option<int?> Threads = new("--threads") { Description = "Threads (results are reproducible for a seed whatever the count)." };
    public readonly Option<int?> CheckpointEvery = new("--checkpoint-every") { Description = "Checkpoint every this many steps." };
    public readonly Option<Centring?> CentreOfMass = new("--centre-of-mass")
    {
        HelpName = "auto|on|off",
        Description = "Project the generator's samples onto zero centre of mass, in training and sampling (recorded with the model): "
            + "auto (default) = on for translation-invariant particle targets (dw4, lj13), off otherwise.",
    };

    /// <summary>Values of <see cref="CentreOfMass"/>.</summary>
    public enum Centring { Auto, On, Off }

    public readonly ExternalEnergyOptions External = new();

    public IEnumerable<Option> All => [Config, EnergyExpression, Dimension, .. External.All, Estimator, Steps, Batch, SamplerSamples, Seed, Proposals, ProposalsLarge, Jackknife, Bandwidths, BandwidthFloors, BandwidthDecay,
        Normalization, SelfPair, NeighbourFloor, MinNeighbours, Blocks, LearningRate, LearningRateDecayStart, LearningRateDecayFactor, Ema, Clip, NoiseDimension, InitialSpread, Width, Layers, Threads, CheckpointEvery, CentreOfMass];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <summary>
    /// The target and its configuration for a new run: the target named by <paramref name="targetFlag"/>, else by
    /// the <c>--config</c> file, else <paramref name="fallbackTarget"/>; the settings the pilot derives from its energy, then the file, then the flags.
    /// </summary>
    /// <exception cref="ArgumentException">No target is named anywhere (the message says how to name one), or an option is invalid.</exception>
    public (Target Target, TrainingConfig Config) ResolveNew(ParseResult r, string? targetFlag, string? fallbackTarget)
    {
        var file = r.GetValue(Config) is { } path ? ConfigFile.Load(path) : null;
        string? expression = r.GetValue(EnergyExpression) ?? (targetFlag is null ? file?.Energy : null);
        if (expression is not null && targetFlag is not null)
            throw new ArgumentException("--energy and --target both name the target: give one of them.");
        string? external = External.TargetName(r);
        if (external is not null && (expression is not null || targetFlag is not null))
            throw new ArgumentException("--energy-onnx or --energy-command names the energy: give no --target or --energy with it.");
        if (expression is null && r.GetValue(Dimension) is not null)
            throw new ArgumentException("--dim sets the dimension of an --energy expression; built-in targets have their own.");
        TrainingConfig general;
        Target? outside = null;  // an energy evaluated outside BoltzDrift, opened (and checked) once
        if (external is not null)
        {
            general = new TrainingConfig { Target = external };
            outside = External.Resolve(r, general);
        }
        else if (expression is not null)
        {
            int dimension = r.GetValue(Dimension) ?? file?.Dimension
                ?? throw new ArgumentException("--energy needs --dim D, the number of variables x0..x{D-1}.");
            general = new TrainingConfig { Target = Targets.ExpressionName, Energy = expression, Dimension = dimension };
        }
        else
        {
            string name = targetFlag ?? file?.Target ?? fallbackTarget
                ?? throw new ArgumentException("No target: pass --target NAME (see `targets`), --energy EXPR --dim D, or a --config file with a \"target\" key.");
            general = new TrainingConfig { Target = Targets.Get(name).Name };
        }
        ulong seed = r.GetValue(Seed) ?? (file is null ? 0 : file.ApplyTo(general).Seed);
        var defaults = AutoSettings.For(outside ?? general.ResolveTarget(), seed, general);
        var fromFile = file is null ? defaults : file.ApplyTo(defaults) with { Target = defaults.Target, Energy = defaults.Energy, Dimension = defaults.Dimension };
        var config = Resolve(r, fromFile);
        var target = outside ?? config.ResolveTarget();
        if (config.CentredParticles is { } layout && layout != target.Particles)
            throw new ArgumentException($"centred_particles ({layout.Count} particles in {layout.SpatialDimension}-D, from --config) does not fit {target.Name}: "
                + "pass --centre-of-mass auto, on or off.");
        CheckSizes(config, target.Dimension);
        return (target, config);
    }

    /// <summary>Fails before a run directory is made when the network or its batch buffers cannot fit in an array.</summary>
    private static void CheckSizes(TrainingConfig c, int dimension)
    {
        long noise = c.NoiseDimensionFor(dimension), width = c.Width;
        long parameters = c.HiddenLayers == 0
            ? (noise + 1) * dimension
            : (noise + 1) * width + (c.HiddenLayers - 1) * (width + 1) * width + (width + 1) * dimension;
        if (parameters > Array.MaxLength)
            throw new ArgumentException($"--width {c.Width} with --layers {c.HiddenLayers} makes {parameters:N0} parameters, more than an array holds ({Array.MaxLength:N0}).");
        long activations = (long)c.Batch * Math.Max(Math.Max(width, noise), dimension);
        if (activations > Array.MaxLength)
            throw new ArgumentException($"--batch {c.Batch} with layers {Math.Max(Math.Max(width, noise), dimension):N0} wide needs {activations:N0} values per layer, more than an array holds ({Array.MaxLength:N0}).");
    }

    /// <summary><paramref name="defaults"/> with every given flag applied, validated.</summary>
    public TrainingConfig Resolve(ParseResult r, TrainingConfig defaults)
    {
        var c = defaults with
        {
            Estimator = r.GetValue(Estimator) ?? defaults.Estimator,
            Steps = r.GetValue(Steps) ?? defaults.Steps,
            Batch = r.GetValue(Batch) ?? defaults.Batch,
            SamplerSamples = r.GetValue(SamplerSamples) ?? defaults.SamplerSamples,
            Seed = r.GetValue(Seed) ?? defaults.Seed,
            Proposals = r.GetValue(Proposals) ?? defaults.Proposals,
            ProposalsLargestBandwidth = r.GetValue(ProposalsLarge) ?? defaults.ProposalsLargestBandwidth,
            Jackknife = r.GetValue(Jackknife) ?? defaults.Jackknife,
            Bandwidths = ParseList(r.GetValue(Bandwidths), "--bandwidths") ?? defaults.Bandwidths,
            BandwidthFloors = ParseList(r.GetValue(BandwidthFloors), "--bandwidth-floors") ?? defaults.BandwidthFloors,
            BandwidthDecay = r.GetValue(BandwidthDecay) ?? defaults.BandwidthDecay,
            Normalization = r.GetValue(Normalization) ?? defaults.Normalization,
            SelfPair = r.GetValue(SelfPair) ?? defaults.SelfPair,
            NeighbourFloor = r.GetValue(NeighbourFloor) ?? defaults.NeighbourFloor,
            MinEffectiveNeighbours = r.GetValue(MinNeighbours) ?? defaults.MinEffectiveNeighbours,
            Blocks = r.GetValue(Blocks) is { } blocks ? ParseBlocks(blocks, defaults.Blocks) : defaults.Blocks,
            LearningRate = r.GetValue(LearningRate) ?? defaults.LearningRate,
            LearningRateDecayStart = r.GetValue(LearningRateDecayStart) ?? defaults.LearningRateDecayStart,
            LearningRateDecayFactor = r.GetValue(LearningRateDecayFactor) ?? defaults.LearningRateDecayFactor,
            WeightAverageDecay = r.GetValue(Ema) ?? defaults.WeightAverageDecay,
            MaxGradientNorm = r.GetValue(Clip) ?? defaults.MaxGradientNorm,
            NoiseDimension = r.GetValue(NoiseDimension) ?? defaults.NoiseDimension,
            InitialSpread = r.GetValue(InitialSpread) ?? defaults.InitialSpread,
            Width = r.GetValue(Width) ?? defaults.Width,
            HiddenLayers = r.GetValue(Layers) ?? defaults.HiddenLayers,
            Threads = r.GetValue(Threads) ?? defaults.Threads,
            CheckpointEvery = r.GetValue(CheckpointEvery) ?? defaults.CheckpointEvery,
            CentredParticles = r.GetValue(CentreOfMass) is { } centring ? CentredParticles(centring, defaults.ResolveTarget()) : defaults.CentredParticles,
        };
        if (c.BandwidthFloors is { } floors && floors.Length != c.Bandwidths.Length)
            throw new ArgumentException($"--bandwidth-floors has {floors.Length} values but there are {c.Bandwidths.Length} bandwidths.");
        c.Validate();
        return c;
    }

    /// <summary>The particle layout <paramref name="centring"/> asks to centre for <paramref name="target"/>.</summary>
    private static ParticleLayout? CentredParticles(Centring centring, Target target) => centring switch
    {
        Centring.Off => null,
        Centring.On => target.Particles
            ?? throw new ArgumentException($"--centre-of-mass on: {target.Name} is not a particle system, so it has no centre of mass to fix (only particle targets such as dw4 and lj13 have one)."),
        _ => target.Particles,
    };

    private static TargetEstimator? Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return null;
    }

    /// <summary>The blocks <c>--blocks</c> names: auto (<paramref name="automatic"/>), none, or "0,1;2,3". The dimension is checked when training starts.</summary>
    private static int[][]? ParseBlocks(string text, int[][]? automatic)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "auto": return automatic;
            case "none": return null;
        }
        var blocks = text.Split(';', StringSplitOptions.TrimEntries).Select(block => block.Split(',', StringSplitOptions.TrimEntries).Select(part =>
            int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int k)
                ? k
                : throw new ArgumentException($"--blocks: '{part}' is not a coordinate index (expected auto, none, or a list such as 0,1;2,3).")).ToArray()).ToArray();
        return blocks.Length > 1 ? blocks : null;
    }

    private static double[]? ParseList(string? text, string option)
    {
        if (text is null) return null;
        return text.Split(',', StringSplitOptions.TrimEntries).Select(part =>
            double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                ? v
                : throw new ArgumentException($"{option}: '{part}' is not a number (expected a comma-separated list such as 0.3,1,2).")).ToArray();
    }
}

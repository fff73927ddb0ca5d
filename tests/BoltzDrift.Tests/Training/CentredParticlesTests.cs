using BoltzDrift.Energies;
using BoltzDrift.Energies.Particles;
using BoltzDrift.IO;
using BoltzDrift.Sampling;
using BoltzDrift.Tests.IO;
using BoltzDrift.Training;
using BoltzDrift.Training.Pilot;

namespace BoltzDrift.Tests.Training;

/// <summary>Training and sampling dw4 with the generator's output projected onto zero centre of mass.</summary>
public sealed class CentredParticlesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly Target Dw4 = Targets.Get("dw4");

    private static TrainingConfig Config(ParticleLayout? centred) => TinyRuns.Config() with { Target = "dw4", CentredParticles = centred };

    /// <summary>The largest |centre of mass| (Euclidean, over the spatial axes) of any configuration in <paramref name="samples"/>.</summary>
    internal static double LargestCentreOfMass(SampleSet samples, ParticleLayout layout)
    {
        int n = layout.Count, dim = layout.SpatialDimension;
        double largest = 0;
        for (int c = 0; c < samples.Count; c++)
        {
            var x = samples[c];
            double square = 0;
            for (int a = 0; a < dim; a++)
            {
                double mean = 0;
                for (int i = 0; i < n; i++) mean += x[i * dim + a];
                square += (mean / n) * (mean / n);
            }
            largest = Math.Max(largest, Math.Sqrt(square));
        }
        return largest;
    }

    [Fact]
    public void The_pilot_finds_the_particle_targets_translation_invariance_and_no_other()
    {
        Assert.Equal(new ParticleLayout(4, 2), AutoSettings.For(Targets.Get("dw4")).CentredParticles);
        Assert.Equal(new ParticleLayout(13, 3), AutoSettings.For(Targets.Get("lj13")).CentredParticles);
        Assert.Null(AutoSettings.For(Targets.Get("gmm4")).CentredParticles);
        // The same dw4 energy typed as an expression: the pilot finds the same invariance without a name to go by.
        var dw4Expression = Targets.FromExpression(
            "sum(i, 0, 2, sum(j, i + 1, 3, 0.9*(sqrt((x[2*i]-x[2*j])^2 + (x[2*i+1]-x[2*j+1])^2) - 4)^4 - 4*(sqrt((x[2*i]-x[2*j])^2 + (x[2*i+1]-x[2*j+1])^2) - 4)^2))", 8);
        Assert.Equal(new ParticleLayout(4, 2), AutoSettings.For(dw4Expression).CentredParticles);
        Assert.Null(new TrainingConfig().CentredParticles);
        Assert.Throws<ArgumentOutOfRangeException>(() => (new TrainingConfig() with { CentredParticles = new ParticleLayout(1, 2) }).Validate());
    }

    [Fact]
    public void A_short_dw4_run_samples_at_zero_centre_of_mass_in_memory_and_after_a_checkpoint()
    {
        var layout = Dw4.Particles!.Value;
        var config = Config(layout);
        var trainer = TinyRuns.Trained(config, 4, Dw4.Energy);
        var inMemory = Generator.For(config, trainer.State.SamplingNetwork).Sample(1000, seed: 3);
        string path = _dir.File("dw4.bdck");
        Checkpoint.Save(path, config, trainer.State);
        var loaded = Checkpoint.Load(path);
        Assert.Equal(layout, loaded.Config.CentredParticles);
        var reloaded = Generator.For(loaded.Config, loaded.State.SamplingNetwork).Sample(1000, seed: 3);

        Assert.True(LargestCentreOfMass(inMemory, layout) < 1e-5, $"largest |CoM| {LargestCentreOfMass(inMemory, layout)}");
        Assert.Equal(inMemory.Values, reloaded.Values);
        // Without the projection the same run's centre of mass is spread out: the check above can fail.
        var plain = TinyRuns.Trained(Config(null), 4, Dw4.Energy);
        Assert.True(LargestCentreOfMass(Generator.For(Config(null), plain.State.SamplingNetwork).Sample(1000, seed: 3), layout) > 0.1);
    }

    [Fact]
    public void Centred_training_is_reproducible_and_differs_from_uncentred_training()
    {
        var centred = TinyRuns.Bits(TinyRuns.Trained(Config(Dw4.Particles), 3, Dw4.Energy).State);
        Assert.Equal(centred, TinyRuns.Bits(TinyRuns.Trained(Config(Dw4.Particles) with { Threads = 2 }, 3, Dw4.Energy).State));
        Assert.NotEqual(centred, TinyRuns.Bits(TinyRuns.Trained(Config(null), 3, Dw4.Energy).State));
    }

    [Fact]
    public void A_layout_that_does_not_fit_the_target_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Trainer(Config(new ParticleLayout(13, 3)), Dw4.Energy));
        Assert.Contains("needs points of dimension 39", error.Message);
    }
}

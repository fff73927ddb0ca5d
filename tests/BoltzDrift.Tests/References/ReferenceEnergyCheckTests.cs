using BoltzDrift.Energies;
using BoltzDrift.Energies.Particles;
using BoltzDrift.References;
using BoltzDrift.Tests.Energies.Field;
using BoltzDrift.Tests.IO;

namespace BoltzDrift.Tests.References;

/// <summary>A cached reference set made for another energy of the same target name is never reused silently.</summary>
public class ReferenceEnergyCheckTests
{
    [Fact]
    public void A_cached_set_of_a_changed_energy_is_regenerated()
    {
        using var dir = new TempDirectory();
        var dw4 = Targets.Get("dw4");
        var settings = ReferenceGenerationTests.Tiny(11);
        var made = ReferenceCache.GetOrCreate(dir.Path, dw4, settings, out bool reused);
        Assert.False(reused);
        Assert.True(made.WasMadeWith(dw4.Energy));

        var changed = new Target
        {
            Name = "dw4",
            Description = "dw4 with its barrier moved",
            Energy = new ParticleEnergy<DoubleWellPairPotential>(new ParticleLayout(4, 2), new DoubleWellPairPotential(0.9, -4, 4.1)),
            Particles = dw4.Particles,
        };
        Assert.False(made.WasMadeWith(changed.Energy));
        var remade = ReferenceCache.GetOrCreate(dir.Path, changed, settings, out reused);
        Assert.False(reused);
        Assert.True(remade.WasMadeWith(changed.Energy));
        ReferenceCache.GetOrCreate(dir.Path, changed, settings, out reused);
        Assert.True(reused);
    }
}

using BoltzDrift.Energies;
using BoltzDrift.Suite;
using BoltzDrift.Tests.Energies;
using BoltzDrift.Tests.IO;

namespace BoltzDrift.Tests.Suite;

public sealed class SuiteTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Shards_split_the_plan_into_disjoint_parts_that_cover_it()
    {
        var cases = SuiteCatalog.Standard(_folder.Path);
        ulong[] seeds = [0, 1, 2];
        var whole = SuiteRunner.Plan(cases, seeds).Select(p => (p.Case.Name, p.Seed)).ToList();
        Assert.Equal(cases.Count * 3, whole.Count);
        var parts = Enumerable.Range(0, 4).SelectMany(i => SuiteRunner.Plan(cases, seeds, i, 4).Select(p => (p.Case.Name, p.Seed))).ToList();
        Assert.Equal(whole.Order(), parts.Order());
        Assert.Throws<ArgumentException>(() => SuiteRunner.Plan(cases, seeds, 4, 4));
    }

    [Fact]
    public void The_manywell_expressions_are_products_of_the_built_in_double_well()
    {
        var pairs = SuiteCatalog.ManyWell(2).Energy;
        var well = Targets.Get("double-well").Energy;
        double[] x = [1.3, -0.4, -1.9, 0.7];
        NumericAssert.Close(well.Evaluate(x.AsSpan(0, 2)) + well.Evaluate(x.AsSpan(2, 2)), pairs.Evaluate(x), 1e-10, "two pairs");
    }

    [Fact]
    public void The_two_gaussian_expression_is_the_normalised_mixture_it_names()
    {
        const int d = 4;
        var energy = SuiteCatalog.TwoGaussians(d).Energy;
        double m = 3 / Math.Sqrt(d);
        double[] x = [0.5, 1.5, 1.0, 2.0];
        double Component(double sign) => Math.Exp(-x.Sum(v => (v - sign * m) * (v - sign * m)) / (2 * 0.25));
        double density = 0.7 * Component(1) + 0.3 * Component(-1);
        NumericAssert.Close(-Math.Log(density), energy.Evaluate(x), 1e-9, "energy");
    }

    [Fact]
    public void Tables_round_trip_through_collect_and_a_later_shard_replaces_a_duplicate()
    {
        SuiteResult Result(string name, ulong seed, double value) => new()
        {
            Case = name, Seed = seed, EnergyEvaluations = 10, GradientEvaluations = 0, TrainingSeconds = 5, MaxTrainingSeconds = 60, Settings = "s",
            Criteria = [CriterionResult.AtMost("w2", value, 1.0, "≤ 1", 0.5)],
        };
        string a = Path.Combine(_folder.Path, "a"), b = Path.Combine(_folder.Path, "b");
        SuiteTables.Write(a, [Result("gmm4", 1, 0.5), Result("banana", 0, 2)]);
        SuiteTables.Write(b, [Result("gmm4", 0, 0.7), Result("gmm4", 1, 0.9)]);
        var merged = SuiteTables.Collect([a, b], ["gmm4", "banana"]);
        Assert.Equal([("gmm4", 0UL), ("gmm4", 1UL), ("banana", 0UL)], merged.Select(r => (r.Case, r.Seed)));
        Assert.Equal(0.9, merged[1].Criteria[0].Value);
        Assert.False(merged[2].Passed);
        Assert.Contains("| banana | 0 | w2 | 2 | 0.5 | ≤ 1 | FAIL |", SuiteTables.Markdown(merged));
        Assert.Throws<FileNotFoundException>(() => SuiteTables.Collect([Path.Combine(_folder.Path, "none")], []));
    }
}

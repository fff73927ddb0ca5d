using System.Text;
using System.Text.RegularExpressions;
using BoltzDrift.Energies.Expressions;

namespace BoltzDrift.Tests.Energies.Expressions;

/// <summary>
/// Random and mutated expressions through the whole pipeline (lexer, parser, binder, compiler, and for the
/// accepted ones an evaluation with value and gradient): nothing may escape but an
/// <see cref="ExpressionParseException"/>, whose message is one line naming a column inside the text (or one
/// past its end), and nothing may hang. Seeded, so a failure names an input that reproduces it.
/// </summary>
public partial class ExpressionFuzzTests
{
    private const int Expressions = 100_000;
    private const int Chunk = 5_000;

    /// <summary>Generous: a chunk takes well under a second; only a hang can exceed this.</summary>
    private static readonly TimeSpan HangCap = TimeSpan.FromSeconds(120);

    [GeneratedRegex(@"^column (\d+): [^\r\n]+$")]
    private static partial Regex OneLineWithColumn();

    private static readonly string[] Functions = ["exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "softplus", "min", "max", "logsumexp", "sum", "foo", "pi"];
    private static readonly string[] Atoms = ["x", "y", "x0", "x1", "x2", "x9", "z", "pi", "i", "0", "1", "2.5", ".5", "1.", "1e3", "1e999", "1e-400", "0.0", "7E+2", "1e", "x[0]", "x[i]", "x[-1]", "x[1.5]"];
    private const string Alphabet = "xy0123456789.eE+-*/^()[],i sumpexlogqrtabncht_\t\n$²−α😀\u0000";

    [Fact]
    public async Task Random_and_mutated_expressions_are_compiled_or_rejected_with_a_column_never_an_exception_or_a_hang()
    {
        int accepted = 0, rejected = 0;
        for (int start = 0; start < Expressions; start += Chunk)
        {
            int first = start;
            var chunk = Task.Run(() => RunChunk(first, Math.Min(Chunk, Expressions - first)));
            var done = await Task.WhenAny(chunk, Task.Delay(HangCap));
            Assert.True(done == chunk, $"expressions {first}..{first + Chunk - 1} did not finish within {HangCap.TotalSeconds} s (a hang)");
            var (a, r) = await chunk;
            accepted += a;
            rejected += r;
        }
        Assert.Equal(Expressions, accepted + rejected);
        // Both outcomes must be exercised in quantity, or the generator is not testing what it claims.
        Assert.True(accepted > Expressions / 10, $"only {accepted} expressions compiled");
        Assert.True(rejected > Expressions / 10, $"only {rejected} expressions were rejected");
    }

    private static (int Accepted, int Rejected) RunChunk(int first, int count)
    {
        int accepted = 0, rejected = 0;
        for (int n = first; n < first + count; n++)
        {
            var random = new Random(n);
            int dimension = random.Next(1, 5);
            string text = n % 2 == 0 ? Generate(random, depth: 0) : Mutate(random, Generate(random, depth: 0));
            try
            {
                var energy = EnergyExpression.Parse(text, dimension);
                var point = new double[dimension];
                for (int k = 0; k < dimension; k++) point[k] = random.NextDouble() * 6 - 3;
                energy.Evaluate(point);
                energy.Gradient(point, new double[dimension]);
                accepted++;
            }
            catch (ExpressionParseException e)
            {
                var match = OneLineWithColumn().Match(e.Message);
                Assert.True(match.Success, $"expression #{n} {Show(text)} (d = {dimension}): message not one line with a column: {Show(e.Message)}");
                int column = int.Parse(match.Groups[1].Value);
                Assert.True(column >= 1 && column <= text.Length + 1, $"expression #{n} {Show(text)}: column {column} outside 1..{text.Length + 1}");
                Assert.Equal(column, e.Column);
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"expression #{n} {Show(text)} (d = {dimension}) threw {e.GetType().Name}: {e.Message}");
            }
        }
        return (accepted, rejected);
    }

    /// <summary>A mostly well-formed expression from the language's grammar, with some names and numbers that are not.</summary>
    private static string Generate(Random random, int depth)
    {
        if (depth > 6 || random.Next(4) == 0) return Atoms[random.Next(Atoms.Length)];
        return random.Next(7) switch
        {
            0 => $"{Generate(random, depth + 1)} {"+-*/^"[random.Next(5)]} {Generate(random, depth + 1)}",
            1 => $"-{Generate(random, depth + 1)}",
            2 => $"({Generate(random, depth + 1)})",
            3 => $"{Functions[random.Next(Functions.Length)]}({Generate(random, depth + 1)})",
            4 => $"{Functions[random.Next(Functions.Length)]}({string.Join(", ", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Generate(random, depth + 1)))})",
            5 => $"sum({(random.Next(5) == 0 ? "x" : "i")}, {random.Next(-2, 3)}, {Bound(random)}, {Generate(random, depth + 1)})",
            _ => $"x[{Generate(random, depth + 1)}]",
        };
    }

    /// <summary>
    /// Upper bounds of sums: small, not whole numbers, or (rarely, since the binder expands up to its cap of
    /// 250,000 nodes before refusing) too large to expand.
    /// </summary>
    private static string Bound(Random random) => random.Next(40) switch
    {
        0 => "1000000000",
        < 8 => "i + 1",
        < 14 => "1.5",
        < 20 => "x0",
        _ => random.Next(0, 4).ToString(),
    };

    /// <summary>One to four random edits: delete, insert, replace, duplicate or cut.</summary>
    private static string Mutate(Random random, string text)
    {
        var s = new StringBuilder(text);
        for (int edits = random.Next(1, 5); edits > 0; edits--)
        {
            int at = random.Next(s.Length + 1);
            char c = Alphabet[random.Next(Alphabet.Length)];
            switch (random.Next(5))
            {
                case 0 when at < s.Length: s.Remove(at, 1); break;
                case 1: s.Insert(at, c); break;
                case 2 when at < s.Length: s[at] = c; break;
                case 3 when at < s.Length: s.Insert(at, s.ToString(at, Math.Min(8, s.Length - at))); break;
                case 4: s.Length = at; break;
            }
        }
        return s.ToString();
    }

    private static string Show(string text) => "\"" + text.Replace("\n", "\\n").Replace("\r", "\\r").Replace("\0", "\\0") + "\"";
}

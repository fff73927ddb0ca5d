namespace BoltzDrift.Energies.Expressions;

/// <summary>The built-in functions of the expression language.</summary>
internal enum FunctionKind
{
    Exp,
    Log,
    Sqrt,
    Abs,
    Sin,
    Cos,
    Tanh,
    Softplus,
    Min,
    Max,
    LogSumExp,
}

/// <summary>A built-in function: its name, kind and how many arguments it takes (MaxArguments -1: any number).</summary>
internal sealed record FunctionInfo(string Name, FunctionKind Kind, int MinArguments, int MaxArguments)
{
    /// <summary>Why <paramref name="count"/> arguments are wrong, or null if they are fine.</summary>
    public string? ArityProblem(int count)
    {
        if (count >= MinArguments && (MaxArguments < 0 || count <= MaxArguments)) return null;
        string expected = MaxArguments < 0 ? $"at least {MinArguments}" : MinArguments == MaxArguments ? $"exactly {MinArguments}" : $"{MinArguments} to {MaxArguments}";
        int named = MaxArguments < 0 ? MinArguments : MaxArguments;
        return $"{Name} takes {expected} argument{(named == 1 ? "" : "s")}, got {count}";
    }
}

/// <summary>Looks built-in functions up by name (case-sensitive, like variable names).</summary>
internal static class FunctionCatalog
{
    /// <summary>The name of the summation construct, which takes an index name rather than an expression first.</summary>
    public const string SumName = "sum";

    private static readonly FunctionInfo[] s_functions =
    [
        new("exp", FunctionKind.Exp, 1, 1),
        new("log", FunctionKind.Log, 1, 1),
        new("sqrt", FunctionKind.Sqrt, 1, 1),
        new("abs", FunctionKind.Abs, 1, 1),
        new("sin", FunctionKind.Sin, 1, 1),
        new("cos", FunctionKind.Cos, 1, 1),
        new("tanh", FunctionKind.Tanh, 1, 1),
        new("softplus", FunctionKind.Softplus, 1, 1),
        new("min", FunctionKind.Min, 1, -1),
        new("max", FunctionKind.Max, 1, -1),
        new("logsumexp", FunctionKind.LogSumExp, 1, -1),
    ];

    private static readonly Dictionary<string, FunctionInfo> s_byName = s_functions.ToDictionary(f => f.Name);

    /// <summary>Every function name, sum included, sorted: for "known: …" in error messages.</summary>
    public static string KnownNames { get; } =
        string.Join(", ", s_functions.Select(f => f.Name).Append(SumName).Order(StringComparer.Ordinal));

    public static FunctionInfo? Find(string name) => s_byName.GetValueOrDefault(name);

    /// <summary>Whether <paramref name="name"/> is a function or sum, and so cannot name a variable or index.</summary>
    public static bool IsReserved(string name) => name == SumName || s_byName.ContainsKey(name);
}

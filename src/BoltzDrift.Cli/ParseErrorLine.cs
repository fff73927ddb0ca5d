using System.CommandLine;
using System.CommandLine.Parsing;

namespace BoltzDrift.Cli;

/// <summary>
/// A command line that does not parse, as one line for stderr: the first problem in the user's terms (the option
/// and what it expects, not a .NET type name) and where to read more. The help itself is not printed: it would
/// bury the problem, and on stdout it would break the JSON a script expects.
/// </summary>
internal static class ParseErrorLine
{
    public static string For(ParseResult result)
    {
        // An unknown word explains the rest ("nosuchcommand" also leaves no command given): name it first.
        var first = result.Errors.OrderBy(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal) ? 0 : 1).First();
        string problem = first.SymbolResult is OptionResult { Option: var option } optionResult && first.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal)
            ? $"{option.Name}: '{string.Join(' ', optionResult.Tokens.Select(t => t.Value))}' is not {Expected(option.ValueType)}."
            : first.SymbolResult is ArgumentResult { Parent: OptionResult { Option: var parent } } argumentResult && first.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal)
                ? $"{parent.Name}: '{string.Join(' ', argumentResult.Tokens.Select(t => t.Value))}' is not {Expected(parent.ValueType)}."
                : first.Message;
        string more = result.Errors.Count > 1 ? $" ({result.Errors.Count - 1} more problem(s) after it)" : "";
        return $"error: {problem}{more} See `{CommandPath(result.CommandResult)} --help`.";
    }

    /// <summary>What a value of <paramref name="type"/> looks like, in words.</summary>
    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return $"one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}";
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 => $"a whole number from {int.MinValue} to {int.MaxValue}",
            TypeCode.Int64 => $"a whole number from {long.MinValue} to {long.MaxValue}",
            TypeCode.UInt64 => $"a whole number from 0 to {ulong.MaxValue}",
            TypeCode.Double => "a number (such as 0.5, 2 or 1e-3)",
            TypeCode.Boolean => "true or false",
            _ => "a valid value",
        };
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? s = command; s is CommandResult c; s = c.Parent) names.Add(c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }
}

using System.CommandLine;

namespace BoltzDrift.Cli.Output;

/// <summary>The <c>--quiet</c> and <c>--json</c> flags, shared by every command that reports results.</summary>
internal sealed class OutputOptions
{
    public readonly Option<bool> Quiet = new("--quiet") { Description = "No progress or status lines; results still print." };
    public readonly Option<bool> Json = new("--json") { Description = "Print only a JSON document with the results (summary, metrics) on stdout, for scripts." };

    public void AddTo(Command command)
    {
        command.Options.Add(Quiet);
        command.Options.Add(Json);
    }

    /// <summary>The output of this invocation, on the writers it was given (the console unless a caller, such as a test, supplied others).</summary>
    public CommandOutput Resolve(ParseResult r) =>
        new(r.InvocationConfiguration.Output, r.InvocationConfiguration.Error, r.GetValue(Quiet), r.GetValue(Json));
}

using System.CommandLine;

namespace BoltzDrift.Tests.Cli;

/// <summary>Runs the boltzdrift command line in-process, capturing what it writes to stdout and stderr.</summary>
internal static class CliInvocation
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = BoltzDrift.Cli.CliApp.Invoke(args, new InvocationConfiguration { Output = output, Error = error });
        return new Result(exitCode, output.ToString(), error.ToString());
    }
}

using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace BoltzDrift.Cli;

/// <summary>
/// The standard help followed by the asked-about command's examples. System.CommandLine's help has no
/// section for examples, and a command description holding them would also fill the root's command list.
/// </summary>
internal sealed class HelpWithExamples(HelpAction standard, IReadOnlyDictionary<Command, string> examples) : SynchronousCommandLineAction
{
    /// <summary>Like the standard help: <c>train --help</c> must work without the options <c>train</c> requires.</summary>
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        int result = standard.Invoke(parseResult);
        if (examples.TryGetValue(parseResult.CommandResult.Command, out string? text))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (string line in text.Split('\n')) output.WriteLine("  " + line.TrimEnd('\r'));
            output.WriteLine();
        }
        return result;
    }

    /// <summary>Replaces <paramref name="root"/>'s help action (which every subcommand shares) with one that adds <paramref name="examples"/>.</summary>
    public static void Install(Command root, IReadOnlyDictionary<Command, string> examples)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExamples((HelpAction)help.Action!, examples);
    }
}

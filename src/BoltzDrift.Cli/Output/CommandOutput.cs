using System.Text.Json.Nodes;
using BoltzDrift.IO;

namespace BoltzDrift.Cli.Output;

/// <summary>
/// Where a command's text goes and how much of it: progress and status lines (default mode only), results
/// for a person (all but <c>--json</c>), or one JSON document on stdout (<c>--json</c>), so that scripts can
/// parse stdout whole. Warnings and errors always go to stderr.
/// </summary>
internal sealed class CommandOutput(TextWriter stdout, TextWriter stderr, bool quiet, bool json)
{
    public TextWriter Out => stdout;
    public TextWriter Error => stderr;

    /// <summary>Whether stdout carries one JSON document and nothing else.</summary>
    public bool IsJson => json;

    /// <summary>Whether progress and status lines are wanted: neither <c>--quiet</c> nor <c>--json</c>.</summary>
    public bool ShowsProgress => !quiet && !json;

    /// <summary>
    /// Whether stdout is an interactive terminal, where a live progress bar can redraw itself, rather than
    /// a file, a pipe or a test's writer, where it would leave escape codes.
    /// </summary>
    public bool IsTerminal => ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>A status line (what is happening): default mode only.</summary>
    public void Status(string line)
    {
        if (ShowsProgress) stdout.WriteLine(line);
    }

    /// <summary>A result line for a person: every mode but <c>--json</c>.</summary>
    public void Result(string line)
    {
        if (!json) stdout.WriteLine(line);
    }

    public void Warning(string message) => stderr.WriteLine($"warning: {message}");

    /// <summary>The machine-readable result: written in <c>--json</c> mode only, in the conventions of every BoltzDrift JSON file.</summary>
    public void Document(JsonNode document)
    {
        if (json) stdout.WriteLine(document.ToJsonString(Json.Options));
    }
}

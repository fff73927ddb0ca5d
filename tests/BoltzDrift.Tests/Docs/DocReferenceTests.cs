using System.CommandLine;
using System.Text.RegularExpressions;
using BoltzDrift.Tests.Cli;

namespace BoltzDrift.Tests.Docs;

/// <summary>
/// Every Markdown file that README, the docs, a source comment or a <c>--help</c> text cites must be in the
/// repository: a user who clones it has nothing else to read.
/// </summary>
public sealed partial class DocReferenceTests
{
    /// <summary>Markdown files the tool writes (named as outputs, not as documents to read).</summary>
    private static readonly HashSet<string> WrittenByTheTool = ["bench.md", "suite.md"];

    [GeneratedRegex(@"(?<![\w/.-])((?:[\w.-]+/)*[\w-]+\.md)\b")]
    private static partial Regex MarkdownPath();

    [Fact]
    public void Files_of_the_repository_cite_only_docs_it_contains()
    {
        string root = RepositoryRoot.Path;
        var dangling = (
            from file in FilesToCheck(root)
            from cited in Cited(File.ReadAllText(file))
            where !Resolves(root, Path.GetDirectoryName(file)!, cited)
            select $"{Path.GetRelativePath(root, file)} cites {cited}").ToList();
        Assert.True(dangling.Count == 0, "Dangling doc references:\n" + string.Join("\n", dangling));
    }

    [Fact]
    public void Help_texts_cite_only_docs_the_repository_contains()
    {
        string root = RepositoryRoot.Path;
        var dangling = new List<string>();
        foreach (var path in CommandPaths(BoltzDrift.Cli.CliApp.CreateRootCommand(), []))
        {
            var help = CliInvocation.Run([.. path, "--help"]);
            Assert.Equal(0, help.ExitCode);
            dangling.AddRange(Cited(help.Output).Where(cited => !Resolves(root, root, cited)).Select(cited => $"`{string.Join(' ', path)} --help` cites {cited}"));
        }
        Assert.True(dangling.Count == 0, "Dangling doc references:\n" + string.Join("\n", dangling));
    }

    [Fact]
    public void The_check_finds_a_missing_doc_and_accepts_present_ones()
    {
        string root = RepositoryRoot.Path;
        string text = "see NOTES-NOT-HERE" + ".md §3, docs/method" + ".md and README" + ".md";
        var unresolved = Cited(text).Where(cited => !Resolves(root, root, cited)).ToList();
        Assert.Equal(["NOTES-NOT-HERE" + ".md"], unresolved);
    }

    private static IEnumerable<string> Cited(string text) =>
        MarkdownPath().Matches(text).Select(m => m.Groups[1].Value).Where(name => !WrittenByTheTool.Contains(name));

    private static bool Resolves(string root, string directory, string cited) =>
        File.Exists(Path.Combine(root, cited)) || File.Exists(Path.Combine(directory, cited));

    private static IEnumerable<string> FilesToCheck(string root)
    {
        string[] folders = ["src", "tests", "docs", "python", ".ci"];
        string[] extensions = [".cs", ".md", ".py", ".csproj", ""];
        var files = folders.Select(f => Path.Combine(root, f)).Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
            .Where(f => extensions.Contains(Path.GetExtension(f)))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));
        return files.Append(Path.Combine(root, "README.md"));
    }

    private static IEnumerable<string[]> CommandPaths(Command command, string[] prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] path = [.. prefix, sub.Name];
            yield return path;
            foreach (var deeper in CommandPaths(sub, path)) yield return deeper;
        }
    }
}

/// <summary>The repository's root folder (the one holding BoltzDrift.slnx), found from the test assembly's location.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "BoltzDrift.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("BoltzDrift.slnx not found above " + AppContext.BaseDirectory);
    }
}

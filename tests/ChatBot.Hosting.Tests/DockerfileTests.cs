using System.Text.RegularExpressions;
using System.Xml.Linq;
using ChatBot.Testing;

namespace ChatBot.Hosting.Tests;

public sealed partial class DockerfileTests
{
    /// <summary>
    /// The image restores before it copies the sources (so the restore layer is cached): every project the
    /// executable references, directly or not, must have its project file copied by then, or the restore
    /// skips it and `publish --no-restore` fails for want of its assets file.
    /// </summary>
    [Fact]
    public void Every_project_the_executable_needs_is_copied_before_the_restore()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepoPaths.Root, "Dockerfile"));
        var beforeRestore = dockerfile[..dockerfile.IndexOf("RUN dotnet restore", StringComparison.Ordinal)];
        var copied = CopiedProjects().Matches(beforeRestore).Select(m => m.Value.Replace('\\', '/')).ToHashSet();

        var needed = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.Combine(RepoPaths.Root, "src", "ChatBot", "ChatBot.csproj")]);
        while (pending.TryPop(out var project))
        {
            if (!needed.Add(Path.GetRelativePath(RepoPaths.Root, project).Replace('\\', '/'))) continue;
            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
        }

        Assert.True(needed.Count > 5, "the executable's project references were not found");
        Assert.Empty(needed.Except(copied));
    }

    [GeneratedRegex(@"src/[\w.]+/[\w.]+\.csproj")]
    private static partial Regex CopiedProjects();
}

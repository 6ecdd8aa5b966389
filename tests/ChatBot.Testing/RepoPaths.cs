namespace ChatBot.Testing;

/// <summary>Finds the repository's folders from a test's output directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "corpus");
    public static string Prompts => Path.Combine(Root, "prompts");
    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    /// <summary>A fresh empty folder under the system temp dir.</summary>
    public static string NewTempDir(string prefix = "chatbot-test")
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatBot.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("ChatBot.sln not found above " + AppContext.BaseDirectory);
    }
}

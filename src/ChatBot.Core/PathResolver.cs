namespace ChatBot.Core;

/// <summary>Finds the repository's folders (corpus/, prompts/) from wherever the program runs.</summary>
public static class PathResolver
{
    /// <summary>
    /// Looks for a folder named <paramref name="name"/> beside <paramref name="near"/> (e.g. the corpus
    /// folder), then upward from the current directory and from the program's own folder.
    /// </summary>
    public static string? FindUp(string name, string? near = null)
    {
        if (near is not null)
        {
            var parent = Path.GetDirectoryName(Path.GetFullPath(near));
            if (parent is not null && Directory.Exists(Path.Combine(parent, name))) return Path.Combine(parent, name);
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, name);
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}

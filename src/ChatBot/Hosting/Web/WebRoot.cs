namespace ChatBot.Hosting.Web;

/// <summary>
/// Finds the chat page's folder: beside the executable (build and publish output, the Docker
/// image), else under the current directory or src/ChatBot when run from the repository.
/// </summary>
internal static class WebRoot
{
    public static string? Locate()
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "wwwroot"),
            Path.Combine(Directory.GetCurrentDirectory(), "wwwroot"),
            Path.Combine(Directory.GetCurrentDirectory(), "src", "ChatBot", "wwwroot"),
        ];
        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "index.html")));
    }
}

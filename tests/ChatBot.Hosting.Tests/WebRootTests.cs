using ChatBot.Hosting.Web;

namespace ChatBot.Hosting.Tests;

public sealed class WebRootTests
{
    [Fact]
    public void The_chat_page_is_copied_beside_the_binaries_and_found_there_first()
    {
        // Found beside the assemblies, the page works from any working directory (dotnet run, publish, Docker).
        var expected = Path.Combine(AppContext.BaseDirectory, "wwwroot");

        Assert.Equal(expected, WebRoot.Locate());
        foreach (var file in new[] { "index.html", "common.js", "app.js", "quiz.js", "app.css" })
        {
            Assert.True(File.Exists(Path.Combine(expected, file)), file + " is missing from the output");
        }
    }
}

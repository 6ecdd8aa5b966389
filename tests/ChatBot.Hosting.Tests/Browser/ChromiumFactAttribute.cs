namespace ChatBot.Hosting.Tests.Browser;

/// <summary>A fact that needs Debian's chromium; skipped, saying so, when it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"{ChromiumPath} is missing: install it with `apt-get install -y chromium` to run the browser tests.";
        }
    }
}

namespace ChatBot.Discord.Rendering;

/// <summary>
/// custom_id values of ChatBot's buttons: `cb:passages:{key}`, `cb:fb:up:{key}`, `cb:fb:down:{key}`, where key
/// names an answer in <see cref="Interactions.AnswerCache"/>. Well under Discord's 100-character limit.
/// </summary>
public static class ComponentIds
{
    public const string PassagesPrefix = "cb:passages:";
    public const string FeedbackUpPrefix = "cb:fb:up:";
    public const string FeedbackDownPrefix = "cb:fb:down:";

    public static string Passages(string key) => PassagesPrefix + key;
    public static string FeedbackUp(string key) => FeedbackUpPrefix + key;
    public static string FeedbackDown(string key) => FeedbackDownPrefix + key;
}

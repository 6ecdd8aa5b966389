namespace ChatBot.Discord.Rendering;

/// <summary>
/// custom_id values of ChatBot's buttons: `cb:passages:{id}`, `cb:fb:up:{id}`, `cb:fb:down:{id}`, where id is
/// the answer's id (kept by Core's AnswerLedger). Well under Discord's 100-character limit.
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

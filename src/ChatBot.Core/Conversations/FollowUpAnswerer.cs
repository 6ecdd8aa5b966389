using System.Text.RegularExpressions;
using ChatBot.Core.Answering;
using ChatBot.Core.Corpus;
using ChatBot.Core.Quiz;
using ChatBot.Core.Search;

namespace ChatBot.Core.Conversations;

/// <summary>
/// What the conversation answers itself: the plan of cited sentences (built into an answer by the engine),
/// or a refusal text when the conversation has nothing to give; and who "he" or "she" means afterwards.
/// </summary>
public sealed record FollowUpResult(FollowUpIntent Intent, AnswerPlan? Plan, string? Refusal, string? Person);

/// <summary>
/// Answers the follow-ups that are about the conversation rather than the corpus, from what the turns
/// kept: "who said that?" (the speaker of the first quote just shown that has one), "what else did he
/// say?" (that speaker's quotes not yet shown), "tell me more" (the next most relevant passage not yet
/// shown), "which article is that from?" (the cited documents' titles, outlets and authors from the
/// manifest). Everything else goes to the engine as a question.
/// </summary>
public static partial class FollowUpAnswerer
{
    /// <summary>Most quotes "what else did he say?" shows at once (the rest stay for the next "what else").</summary>
    public const int MaxQuotes = 2;

    /// <summary>Most documents "which article is that from?" names (an answer cites at most a few).</summary>
    public const int MaxSources = 3;

    /// <summary>Shortest unit "tell me more" shows on its own: a shorter one is a caption or a fragment, not a passage.</summary>
    private const int MinMoreChars = 40;

    /// <summary>
    /// The conversation's own answer to <paramref name="question"/>, or null when it is a question for the
    /// engine (or there is nothing in the conversation to answer it from). <paramref name="retrieve"/>
    /// gives the ranked passages of a standalone question.
    /// </summary>
    public static async Task<FollowUpResult?> TryAnswerAsync(IndexSnapshot snapshot, string question, IReadOnlyList<ConversationTurn> history,
        Func<string, CancellationToken, Task<IReadOnlyList<RetrievedPassage>>> retrieve, CancellationToken cancellationToken, ResponseTexts? texts = null)
    {
        texts ??= new ResponseTexts();
        if (history.Count == 0) return null;
        var (intent, named, topic) = FollowUpReader.ReadWithTopic(question);
        if (intent == FollowUpIntent.None) return null;
        var previous = history.LastOrDefault(t => t.Answer is { Answered: true, Evidence.Count: > 0 });
        if (previous?.Answer is not { } last) return null;
        var person = history[^1].Person;
        var shown = history.SelectMany(t => t.Answer?.Evidence ?? []).Select(e => (e.Source, e.Unit)).ToHashSet();
        return intent switch
        {
            FollowUpIntent.WhoSaid => WhoSaid(snapshot, last, person, texts),
            FollowUpIntent.WhatElseSaid => WhatElse(snapshot, last, named ?? person ?? last.Evidence.Select(e => e.Speaker).FirstOrDefault(s => s is not null), shown, texts),
            FollowUpIntent.TellMore => await MoreAsync(snapshot, previous, shown, person, retrieve, texts, cancellationToken),
            FollowUpIntent.WhichSource => Source(snapshot, last, FollowUpReader.AsksForAuthor(question) ? AuthorOf(snapshot, last) ?? person : person),
            FollowUpIntent.SaidAbout => SaidAbout(snapshot, history, named is null ? person : KnownPerson(snapshot, named), person, topic!),
            FollowUpIntent.Disputed => Disputed(snapshot, last, shown, person),
            _ => null,
        };
    }

    /// <summary>
    /// Who "he" or "she" stands for after an answer: the person a who-is question described, the person a
    /// "who …" question was answered with, a person the question named (in the corpus's spelling), the
    /// speaker quoted; otherwise whoever it stood for before.
    /// </summary>
    public static string? PersonAfter(IndexSnapshot snapshot, QuestionAnalysis question, Answer answer, string? previous)
    {
        if (!answer.Answered || answer.Evidence.Count == 0) return previous;
        var items = AnswerItems.For(snapshot);
        var people = answer.Evidence
            .SelectMany(e => items.In(e.Source, snapshot.Analysis(e.Source).Sentences[e.Unit]).Where(i => i.Type == AnswerType.Person))
            .ToList();
        bool Named(AnswerItem i) => SearchAnalyzer.Shared.Terms(i.Text).Any(t => question.NameTerms.Contains(t) || question.SubjectTerms.Contains(t));
        if (question.Kind == QuestionKind.WhoIs && question.Subject is { } subject)
            return FullName(snapshot, people.FirstOrDefault(Named)?.Text ?? subject);
        // A lead that is a thing ("the Harbour Trust") is the thing in focus (ThingFocus), not the person.
        if (question.Type == AnswerType.Person && answer.Lead is { } lead && !ThingFocus.IsThing(answer)) return FullName(snapshot, lead);
        if (question.Type == AnswerType.Person && people.FirstOrDefault(i => AnswerItems.IsNew(i, question)) is { } found)
            return FullName(snapshot, found.Text);
        // "Who ran X?" answered by "the former chief of X believes …": the name is in the sentences around it.
        if (question.Type == AnswerType.Person && answer.Evidence[0] is var e0)
        {
            var sentences = snapshot.Analysis(e0.Source).Sentences;
            var near = Enumerable.Range(e0.Unit - 1, 3).Where(i => i >= 0 && i < sentences.Count && i != e0.Unit)
                .SelectMany(i => items.In(e0.Source, sentences[i])).FirstOrDefault(i => i.Type == AnswerType.Person && AnswerItems.IsNew(i, question));
            if (near is not null) return FullName(snapshot, near.Text);
        }
        if (people.FirstOrDefault(Named) is { } mentioned) return FullName(snapshot, mentioned.Text);
        if (answer.Evidence.Select(e => e.Speaker).FirstOrDefault(s => s is not null) is { } speaker) return FullName(snapshot, speaker);
        // A question that did not ask about the person in focus, answered about one other person ("since when?" after "who is
        // the release manager?" answered by the row naming the current one): the conversation has moved on to them.
        var others = people.Select(i => FullName(snapshot, i.Text)).Distinct(StringComparer.Ordinal).ToList();
        if (others.Count == 1 && (previous is null || !Mentions(question.Text, previous))) return others[0];
        return previous;
    }

    /// <summary>Whether <paramref name="text"/> names <paramref name="person"/> (by the last word of the name, as a rewrite, the user or a later sentence would).</summary>
    public static bool Mentions(string text, string person) =>
        Regex.IsMatch(text, $@"\b{Regex.Escape(person.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1])}\b", RegexOptions.IgnoreCase);

    private static FollowUpResult WhoSaid(IndexSnapshot snapshot, Answer last, string? person, ResponseTexts texts)
    {
        var quoted = last.Evidence.FirstOrDefault(e => e.Speaker is not null);
        if (quoted is null)
            return new(FollowUpIntent.WhoSaid, null, texts.Render("followup-no-speaker", snapshot), person);
        var speaker = FullName(snapshot, quoted.Speaker!);
        var unit = snapshot.Analysis(quoted.Source).Sentences[quoted.Unit];
        return new(FollowUpIntent.WhoSaid, Plan([new AnswerSegment(quoted.Source, [unit], $"{speaker} said it")], "who-said"), null, speaker);
    }

    private static FollowUpResult? WhatElse(IndexSnapshot snapshot, Answer last, string? person, HashSet<(string, int)> shown, ResponseTexts texts)
    {
        if (person is null) return null;
        var full = FullName(snapshot, person);
        // The document the speaker was last quoted in first, then the others in corpus order.
        var first = last.Evidence.FirstOrDefault(e => ExtractiveAnswerer.SameSpeaker(e.Speaker, full))?.Source ?? last.Evidence[0].Source;
        var documents = snapshot.Documents.OrderBy(d => d.Source == first ? 0 : 1).ToList();
        var segments = new List<AnswerSegment>();
        foreach (var document in documents)
        {
            if (document.DuplicateOf is not null) continue;
            var sentences = snapshot.Analysis(document.Source).Sentences;
            for (var i = 0; i < sentences.Count && segments.Count < MaxQuotes; i++)
            {
                var s = sentences[i];
                if (!SpeakerWords.IsWordsOf(s, full) || shown.Contains((document.Source, s.Index))) continue;
                var units = new List<AnalyzedSentence> { s };
                // A quotation running on into the next sentence of the same paragraph is shown whole.
                if (i + 1 < sentences.Count && sentences[i + 1].Paragraph == s.Paragraph && SpeakerWords.IsWordsOf(sentences[i + 1], full) && !shown.Contains((document.Source, sentences[i + 1].Index)))
                    units.Add(sentences[++i]);
                segments.Add(new AnswerSegment(document.Source, units));
            }
        }
        if (segments.Count == 0)
            return new(FollowUpIntent.WhatElseSaid, null, texts.Render("followup-all-quotes-shown", snapshot, full), full);
        return new(FollowUpIntent.WhatElseSaid, Plan(segments, "what-else-said") with { Heading = $"{full} also said:" }, null, full);
    }

    /// <summary>
    /// "what did X say about Y?", "what does he think of Y?": the quote of <paramref name="speaker"/> that speaks of Y, or whose
    /// paragraph does ("'She made every student …,' he said" after "… was a student of the late professor"), with the quote running on
    /// after it; a quote in a document the conversation cited first, then in reading order. A person pronoun for Y ("about her")
    /// is the person in focus. Null (the engine reads it as a question) when the speaker is no person the corpus names or none
    /// of their quotes is about Y: the quote may already have been shown, as the question asks for it by its subject.
    /// </summary>
    private static FollowUpResult? SaidAbout(IndexSnapshot snapshot, IReadOnlyList<ConversationTurn> history, string? speaker, string? person, string topic)
    {
        if (speaker is null) return null;
        var about = FollowUpReader.IsPersonPronoun(topic) ? person is not null && !ExtractiveAnswerer.SameSpeaker(person, speaker) ? person : null : topic;
        if (about is null) return null;
        var terms = SearchAnalyzer.Shared.Terms(about).Distinct().ToDictionary(t => t, _ => 1.0, StringComparer.Ordinal);
        if (terms.Count == 0) return null;
        var cited = history.SelectMany(t => t.Answer?.Citations ?? []).Select(c => c.Source).ToHashSet(StringComparer.Ordinal);
        // The quote names Y itself, or a sentence of its paragraph does; a document the conversation cited first, then reading order.
        if (SpeakerWords.About(snapshot, speaker, terms, documentLevel: false, (source, _) => cited.Contains(source) ? 1 : 0) is not { } chosen) return null;
        var units = SpeakerWords.Statement(snapshot.Analysis(chosen.Source), chosen.Unit, speaker);
        return new(FollowUpIntent.SaidAbout, Plan([new AnswerSegment(chosen.Source, units)], "said-about"), null, speaker);
    }

    /// <summary>
    /// How many sentences after what was just shown a reply to it is looked for: a story reports a challenge right after the claim
    /// it answers (on the train conversations two sentences on, past a sentence adding to the claim); further on it is more
    /// likely a reply to something else. Refit by rerunning `eval --conversations` over a range.
    /// </summary>
    public const int MaxReplyDistance = 4;

    /// <summary>
    /// "did anyone dispute that?": the first sentence within <see cref="MaxReplyDistance"/> after the last sentence just shown, in
    /// its document, that reports a challenge (disputed, questioned, denied, contradicted, …), with the rest of its paragraph as far
    /// as <see cref="ExtractiveAnswerer.MaxSegmentChars"/>. Null (the engine reads it as a question) when none is that near.
    /// </summary>
    private static FollowUpResult? Disputed(IndexSnapshot snapshot, Answer last, HashSet<(string, int)> shown, string? person)
    {
        var after = last.Evidence[^1];
        var sentences = snapshot.Analysis(after.Source).Sentences;
        for (var i = after.Unit + 1; i < sentences.Count && i <= after.Unit + MaxReplyDistance; i++)
        {
            var s = sentences[i];
            if (s.Kind == BlockKind.Heading) break;
            if (!s.IsAnswerable || shown.Contains((after.Source, i)) || !Challenge().IsMatch(s.Text)) continue;
            var units = new List<AnalyzedSentence> { s };
            for (var j = i + 1; j < sentences.Count && sentences[j].Paragraph == s.Paragraph
                && units.Sum(u => u.Text.Length) + sentences[j].Text.Length <= ExtractiveAnswerer.MaxSegmentChars; j++)
                units.Add(sentences[j]);
            return new(FollowUpIntent.Disputed, Plan([new AnswerSegment(after.Source, units)], "disputed"), null, person);
        }
        return null;
    }

    // A sentence reporting a challenge to a claim: "That account was questioned by …", "The authority disputes that number".
    [GeneratedRegex(@"\b(disput(e|es|ed|ing)|question(s|ed|ing)\b|challeng(e|es|ed|ing)|den(y|ies|ied|ying)|contradict(s|ed|ing)?|contest(s|ed|ing)\b|reject(s|ed|ing)?|rebut(s|ted|ting)?|disagree(s|d|ing)?|push(es|ed)?\s+back)", RegexOptions.IgnoreCase)]
    private static partial Regex Challenge();

    /// <summary>The corpus's full spelling of a person it names ("ana ortiz" → "Dr Ana Ortiz"); null when it names no such person.</summary>
    private static string? KnownPerson(IndexSnapshot snapshot, string name)
    {
        var full = FullName(snapshot, name);
        return AnswerItems.For(snapshot).Names.All(QuizAnswerKind.Person).Contains(full) ? full : null;
    }

    private static async Task<FollowUpResult?> MoreAsync(IndexSnapshot snapshot, ConversationTurn previous, HashSet<(string, int)> shown, string? person,
        Func<string, CancellationToken, Task<IReadOnlyList<RetrievedPassage>>> retrieve, ResponseTexts texts, CancellationToken cancellationToken)
    {
        var answer = previous.Answer!;
        bool Fresh(string source, AnalyzedSentence s) => s.IsAnswerable && s.Kind != BlockKind.Heading && !shown.Contains((source, s.Index)) && s.Text.Length >= MinMoreChars;
        if (answer.Kind is QuestionKind.Summary or QuestionKind.CorpusSummary)
        {
            // More of a summary: the next sentences of the summarised document(s) in reading order, one paragraph each.
            var segments = new List<AnswerSegment>();
            foreach (var source in answer.Evidence.Select(e => e.Source).Distinct())
            {
                var next = snapshot.Analysis(source).Sentences.FirstOrDefault(s => Fresh(source, s));
                if (next is not null) segments.Add(new AnswerSegment(source, [next]));
                if (segments.Count >= MaxSources) break;
            }
            if (answer.Kind == QuestionKind.Summary && segments.Count == 1)
            {
                var source = segments[0].Source;
                var second = snapshot.Analysis(source).Sentences.FirstOrDefault(s => Fresh(source, s) && s.Index > segments[0].Units[0].Index && s.Paragraph != segments[0].Units[0].Paragraph);
                if (second is not null) segments.Add(new AnswerSegment(source, [second]));
            }
            return segments.Count == 0 ? Nothing(person, texts, snapshot) : new(FollowUpIntent.TellMore, Plan(segments, "more"), null, person);
        }

        var terms = QuestionAnalyzer.Analyze(previous.StandaloneQuestion).Terms.ToHashSet(StringComparer.Ordinal);
        foreach (var passage in await retrieve(previous.StandaloneQuestion, cancellationToken))
        {
            var source = passage.Chunk.Source;
            var units = snapshot.Analysis(source).SentencesIn(passage.Chunk.Start, passage.Chunk.Start + passage.Chunk.Length).Where(s => Fresh(source, s)).ToList();
            if (units.Count == 0) continue;
            // The unshown sentence sharing most of the question's terms (the earliest on a tie), with the next one of its paragraph.
            var best = units.OrderByDescending(u => u.Terms.Count(terms.Contains)).ThenBy(u => u.Index).First();
            var shownUnits = new List<AnalyzedSentence> { best };
            if (units.FirstOrDefault(u => u.Index == best.Index + 1 && u.Paragraph == best.Paragraph) is { } follow) shownUnits.Add(follow);
            return new(FollowUpIntent.TellMore, Plan([new AnswerSegment(source, shownUnits)], "more"), null, person);
        }
        return Nothing(person, texts, snapshot);
    }

    private static FollowUpResult Nothing(string? person, ResponseTexts texts, IndexSnapshot snapshot) =>
        new(FollowUpIntent.TellMore, null, texts.Render("followup-nothing-more", snapshot), person);

    private static FollowUpResult Source(IndexSnapshot snapshot, Answer last, string? person)
    {
        var segments = new List<AnswerSegment>();
        foreach (var evidence in last.Evidence.GroupBy(e => e.Source).Select(g => g.First()).Take(MaxSources))
        {
            var document = snapshot.FindDocument(evidence.Source)!;
            segments.Add(new AnswerSegment(evidence.Source, [snapshot.Analysis(evidence.Source).Sentences[evidence.Unit]], ExtractiveAnswerer.DocumentLabel(document)));
        }
        var plan = Plan(segments, "source") with { Heading = segments.Count == 1 ? "That is from" : "Those come from" };
        return new(FollowUpIntent.WhichSource, plan, null, person);
    }

    /// <summary>
    /// The one author of the documents <paramref name="last"/> cites (from the manifest or front matter), in the corpus's fullest
    /// spelling; null when they name none or several. "who prepared them?" answered with the byline makes its author the person in focus.
    /// </summary>
    private static string? AuthorOf(IndexSnapshot snapshot, Answer last)
    {
        var authors = last.Evidence.Select(e => snapshot.FindDocument(e.Source)?.Metadata.Author).Where(a => a is { Length: > 0 })
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return authors is [var author] ? FullName(snapshot, author!) : null;
    }

    private static AnswerPlan Plan(IReadOnlyList<AnswerSegment> segments, string reason) =>
        AnswerPlan.Given(QuestionKind.Factoid, segments, "follow-up " + reason);

    /// <summary>The corpus's fullest spelling of a person's name ("Ruiz" → "Ana Ruiz"): the longest person name ending with the same word.</summary>
    public static string FullName(IndexSnapshot snapshot, string name)
    {
        var last = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        return AnswerItems.For(snapshot).Names.All(QuizAnswerKind.Person)
            .Where(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].Equals(last, StringComparison.OrdinalIgnoreCase) && n.Length >= name.Length)
            .OrderByDescending(n => n.Split(' ').Length).ThenBy(n => n, StringComparer.Ordinal).FirstOrDefault() ?? name;
    }
}

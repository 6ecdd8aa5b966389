using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;

namespace ChatBot.Llm;

/// <summary>
/// The Semantic Kernel prompt templates of prompts/: one folder per prompt holding `skprompt.txt`
/// (default `{{$var}}` template format, `&lt;message role="..."&gt;` blocks) and `config.json`
/// (description, execution settings, input variables), the layout Semantic Kernel's own prompt
/// directories use. Loaded and checked once; a template naming an undeclared variable fails loading.
/// </summary>
public sealed partial class PromptLibrary
{
    public const string Answer = "answer";
    public const string Rewrite = "rewrite";
    public static IReadOnlyList<string> Names { get; } = [Answer, Rewrite];

    private static readonly KernelPromptTemplateFactory TemplateFactory = new();
    private readonly FrozenDictionary<string, PromptTemplateConfig> _configs;
    private readonly FrozenDictionary<string, KernelFunction> _functions;

    private PromptLibrary(string directory, Dictionary<string, PromptTemplateConfig> configs)
    {
        Directory = directory;
        _configs = configs.ToFrozenDictionary();
        // Functions are stateless and may be invoked with any kernel, so one per prompt is enough.
        _functions = configs.ToFrozenDictionary(c => c.Key, c => KernelFunctionFactory.CreateFromPrompt(c.Value, TemplateFactory));
    }

    /// <summary>The folder the templates were read from.</summary>
    public string Directory { get; }

    public PromptTemplateConfig GetConfig(string name) =>
        _configs.TryGetValue(name, out var config) ? config : throw new ArgumentException($"Unknown prompt '{name}'.", nameof(name));

    public KernelFunction GetFunction(string name) =>
        _functions.TryGetValue(name, out var function) ? function : throw new ArgumentException($"Unknown prompt '{name}'.", nameof(name));

    /// <summary>Loads every prompt of <see cref="Names"/> from <paramref name="configuredDir"/> or the nearest prompts/ folder.</summary>
    public static PromptLibrary Load(string? configuredDir)
    {
        var dir = FindPromptsDir(configuredDir)
            ?? throw new InvalidOperationException(configuredDir is { Length: > 0 }
                ? $"Llm:PromptsDir '{configuredDir}' does not hold the prompt templates (answer/skprompt.txt)."
                : "No prompts/ folder with answer/skprompt.txt found above the app or the current directory; set Llm:PromptsDir.");

        var configs = new Dictionary<string, PromptTemplateConfig>();
        foreach (var name in Names)
        {
            var folder = Path.Combine(dir, name);
            var templatePath = Path.Combine(folder, "skprompt.txt");
            var configPath = Path.Combine(folder, "config.json");
            if (!File.Exists(templatePath) || !File.Exists(configPath))
                throw new InvalidOperationException($"Prompt '{name}' is incomplete: {folder} needs skprompt.txt and config.json.");

            PromptTemplateConfig config;
            try
            {
                config = PromptTemplateConfig.FromJson(File.ReadAllText(configPath));
            }
            catch (Exception ex) when (ex is ArgumentException or System.Text.Json.JsonException)
            {
                throw new InvalidOperationException($"Prompt '{name}': {configPath} is not a valid prompt config: {ex.Message}", ex);
            }
            config.Name = name.Replace('-', '_');
            config.Template = File.ReadAllText(templatePath);
            config.TemplateFormat = PromptTemplateConfig.SemanticKernelTemplateFormat;
            CheckVariables(name, config);
            configs[name] = config;
        }
        return new PromptLibrary(dir, configs);
    }

    /// <summary>
    /// Renders a prompt as the model will receive it (before chat-message parsing). Every declared
    /// variable must be given: a missing one would otherwise silently render as empty text.
    /// </summary>
    public async Task<string> RenderAsync(string name, KernelArguments arguments, CancellationToken cancellationToken = default)
    {
        var config = GetConfig(name);
        var missing = config.InputVariables.Where(v => !arguments.ContainsName(v.Name)).Select(v => v.Name).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"Prompt '{name}' needs variable(s): {string.Join(", ", missing)}.", nameof(arguments));
        var template = TemplateFactory.Create(config);
        return await template.RenderAsync(new Kernel(), arguments, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Names of the `{{$var}}` placeholders a template uses.</summary>
    public static IReadOnlySet<string> TemplateVariables(string template) =>
        VariablePattern().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The explicit dir if it holds the templates; else the nearest prompts/ above the app, then above the current directory.</summary>
    public static string? FindPromptsDir(string? configuredDir)
    {
        if (configuredDir is { Length: > 0 })
        {
            var full = Path.GetFullPath(configuredDir);
            return HoldsTemplates(full) ? full : null;
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "prompts");
                if (HoldsTemplates(candidate)) return candidate;
            }
        }
        return null;
    }

    private static bool HoldsTemplates(string dir) => File.Exists(Path.Combine(dir, Answer, "skprompt.txt"));

    private static void CheckVariables(string name, PromptTemplateConfig config)
    {
        var used = TemplateVariables(config.Template);
        var declared = config.InputVariables.Select(v => v.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var undeclared = used.Except(declared).ToList();
        var unused = declared.Except(used).ToList();
        if (undeclared.Count > 0)
            throw new InvalidOperationException($"Prompt '{name}' uses undeclared variable(s) {string.Join(", ", undeclared)}; declare them in config.json.");
        if (unused.Count > 0)
            throw new InvalidOperationException($"Prompt '{name}' declares variable(s) {string.Join(", ", unused)} that skprompt.txt never uses.");
        if (config.InputVariables.Any(v => v.AllowDangerouslySetContent) || config.AllowDangerouslySetContent)
            throw new InvalidOperationException($"Prompt '{name}' must not allow dangerously set content: user text could inject chat messages.");
    }

    [GeneratedRegex(@"\{\{\s*\$([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex VariablePattern();
}

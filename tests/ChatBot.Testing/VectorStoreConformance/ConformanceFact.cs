using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ChatBot.Testing.VectorStoreConformance;

/// <summary>
/// Marks a test class as needing environment variables (e.g. QDRANT_URL for a real server). The
/// inherited <see cref="ConformanceFactAttribute"/> tests of such a class are reported as skipped,
/// with the reason, when a variable is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class RequiresEnvironmentVariableAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>
/// A [Fact] for the shared conformance suite. Unlike [Fact] (whose Skip is fixed where the base
/// class declares it), it looks at the concrete test class, so one subclass can opt out.
/// </summary>
[XunitTestCaseDiscoverer("ChatBot.Testing.VectorStoreConformance.ConformanceFactDiscoverer", "ChatBot.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConformanceFactAttribute : FactAttribute;

public sealed class ConformanceFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var missing = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentVariableAttribute))
            .Select(a => a.GetConstructorArguments().FirstOrDefault() as string)
            .Where(name => name is not null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name)))
            .ToList();
        if (missing.Count == 0) return _facts.Discover(discoveryOptions, testMethod, factAttribute);
        return
        [
            new XunitSkippedDataRowTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod, $"Set {string.Join(", ", missing)} to run this suite against a real server.", []),
        ];
    }
}

/// <summary>A [Fact] that runs only when QDRANT_URL points at a real Qdrant (e.g. http://localhost:6333).</summary>
public sealed class QdrantFactAttribute : FactAttribute
{
    public QdrantFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("QDRANT_URL")))
        {
            Skip = "Set QDRANT_URL (and QDRANT_API_KEY if needed) to run against a real Qdrant.";
        }
    }
}

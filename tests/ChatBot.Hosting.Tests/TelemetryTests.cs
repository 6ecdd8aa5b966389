using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using ChatBot.Hosting.Tests.Support;
using ChatBot.Testing.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Hosting.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Answers_refusals_scores_and_errors_are_measured_on_the_ChatBot_meter()
    {
        await using var server = await ChatBotServer.StartAsync();
        var meterFactory = server.App.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Name, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this server's meter: other tests run servers of their own in parallel.
            if (instrument.Meter.Name == "ChatBot" && ReferenceEquals(instrument.Meter.Scope, meterFactory)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => measurements.Enqueue((instrument.Name, value)));
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measurements.Enqueue((instrument.Name, value)));
        listener.Start();

        (await server.Client.PostAsync("api/ask", Json.Ask("Who was arrested in Sinaloa?"))).Dispose();
        (await server.Client.PostAsync("api/ask", Json.Ask("What is the boiling point of liquid nitrogen?"))).Dispose();
        (await server.Client.PostAsync("api/ask", Json.Body("{broken"))).Dispose();

        var names = measurements.Select(m => m.Name).ToList();
        Assert.Equal(2, names.Count(n => n == "chatbot.answer.duration"));
        Assert.All(measurements.Where(m => m.Name == "chatbot.answer.duration"), m => Assert.True(m.Value >= 0));
        Assert.Equal(1, names.Count(n => n == "chatbot.answer.refusals"));
        Assert.Equal(2, names.Count(n => n == "chatbot.retrieval.top_score"));
        Assert.Equal(1, names.Count(n => n == "chatbot.errors"));
    }

    [Fact]
    public async Task With_an_otlp_endpoint_traces_and_metrics_are_exported_to_it()
    {
        var received = new ConcurrentQueue<(string Path, string ContentType, byte[] Body)>();
        await using var collector = await LoopbackServer.StartAsync(routes =>
        {
            // An OTLP/HTTP collector: protobuf in, an empty Export*ServiceResponse (zero bytes) out.
            routes.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                received.Enqueue((context.Request.Path.Value!, context.Request.ContentType ?? "", body.ToArray()));
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/x-protobuf";
            });
        });

        var server = await ChatBotServer.StartAsync(new()
        {
            Config = new Dictionary<string, string?>
            {
                ["Telemetry:OtlpEndpoint"] = collector.BaseAddress.ToString().TrimEnd('/'),
                ["Telemetry:OtlpProtocol"] = "http/protobuf",
            },
        });
        using (var response = await server.Client.PostAsync("api/ask", Json.Ask("Who was arrested in Sinaloa?")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await server.DisposeAsync(); // stopping flushes the exporters

        var traces = received.Where(r => r.Path == "/v1/traces").ToList();
        Assert.NotEmpty(traces);
        Assert.All(traces, r => Assert.Equal("application/x-protobuf", r.ContentType));
        Assert.Contains(traces, r => Encoding.UTF8.GetString(r.Body).Contains("chatbot.ask"));
        Assert.Contains(received, r => r.Path == "/v1/metrics" && Encoding.UTF8.GetString(r.Body).Contains("chatbot.answer.duration"));
    }
}

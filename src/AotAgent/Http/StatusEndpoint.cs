using System.Text.Json;
using AotAgent.Diagnostics;

namespace AotAgent.Http;

/// <summary>
/// <c>/status</c> under load: at most <see cref="HttpLimits.StatusConcurrency"/> responses are written at once (the
/// others get 503 with Retry-After), every response of one status version shares one serialized copy, and the document
/// lists at most <see cref="HttpLimits.StatusCandidates"/> candidates. Unread responses therefore cost a bounded amount of
/// memory, whatever the size of the directory.
/// </summary>
internal sealed class StatusEndpoint(DaemonStatus status) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(HttpLimits.StatusConcurrency, HttpLimits.StatusConcurrency);
    private Serialized? _cached;

    private sealed record Serialized((long, DateTimeOffset?) Version, byte[] Body);

    /// <summary>Takes one of the writing slots at once, or returns false (the caller answers 503).</summary>
    public bool TryEnter() => _gate.Wait(0);

    public void Leave() => _gate.Release();

    /// <summary>The current document, serialized once per version.</summary>
    public byte[] Body()
    {
        var version = status.Version;
        if (Volatile.Read(ref _cached) is { } cached && cached.Version == version)
        {
            return cached.Body;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(status.Report(HttpLimits.StatusCandidates), AgentJsonContext.Relaxed.StatusReport);
        Volatile.Write(ref _cached, new Serialized(version, body));
        return body;
    }

    public void Dispose() => _gate.Dispose();
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>
/// Issue 11, load: unread /status responses over a 10,000-file directory, a thousand concurrent requests, and a
/// keep-alive flood. Memory stays bounded (one /status copy per state, 2 written at once, a write deadline), the probe
/// listener answers, and the loop reacts.
/// </summary>
public sealed class HttpAbuseLoadTests(ITestOutputHelper output)
{
    /// <summary>With 10,001 files (resync every 2 s) the case peaked at 29-33 MiB; the bound stays well inside the chart's 96 MiB.</summary>
    private const long LargeDirectoryRssBoundKiB = 56 * 1024;

    [Fact]
    public Task UnreadStatus_Over10000Files_Bounded_AllDropped() => AbuseCase.RunAsync(output, "300 connections x 5 /status never read, 10,000 files", async run =>
    {
        var body = (await run.Agent.Http.GetAsync("/status")).Body;
        var (sockets, failed) = await RawHttp.OpenAsync(run.Port, 300, receiveBuffer: 4096);
        var request = RawHttp.Ascii(string.Concat(Enumerable.Repeat("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 5)));
        try
        {
            var delivered = sockets.Count(s => RawHttp.TrySend(s, request));
            await run.DuringAsync();

            // Nothing is read for 12 s: past the 10 s write deadline and Kestrel's minimum response rate.
            await Task.Delay(TimeSpan.FromSeconds(12));
            var (closed, elapsed, answers) = await RawHttp.AllClosedAsync(sockets, TimeSpan.FromSeconds(8));
            Assert.True(closed == sockets.Count, $"{sockets.Count - closed} of {sockets.Count} connections with unread /status responses still open after 20 s");
            return string.Create(CultureInfo.InvariantCulture,
                $"/status is {Encoding.UTF8.GetByteCount(body):N0} bytes with 10,001 files (100 candidates listed); 300 connections ({failed} failed to connect, {delivered} sent) each pipelining 5 GET /status and reading nothing (4 KiB receive buffer): all dropped by the agent within 12 s + {elapsed.TotalSeconds:F1} s ({answers})");
        }
        finally
        {
            RawHttp.DisposeAll(sockets);
        }
    }, setup: dir =>
    {
        var junk = Encoding.ASCII.GetBytes("""{"cniVersion":"0.4.0","name":"junk","plugins":[]}""");
        for (var i = 0; i < 10_000; i++)
        {
            File.WriteAllBytes(dir.PathOf($"50-junk-{i:D5}.conflist"), junk);
        }
    }, rssBoundKiB: LargeDirectoryRssBoundKiB, warmUp: TimeSpan.FromSeconds(8));

    [Fact]
    public Task ThousandConcurrentRequests_Bounded_ProbesAnswer() => AbuseCase.RunAsync(output, "5 waves of 1,000 concurrent requests", async run =>
    {
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var request = RawHttp.Ascii("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        async Task Wave()
        {
            var lines = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => RawHttp.ExchangeAsync(run.Port, request, TimeSpan.FromSeconds(10))));
            foreach (var line in lines)
            {
                var key = RawHttp.StatusCode(line) is var code and > 0 ? code.ToString(CultureInfo.InvariantCulture) : line;
                outcomes.AddOrUpdate(key, 1, (_, n) => n + 1);
            }
        }

        await Wave();
        var rest = Task.Run(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                await Wave();
            }
        });
        await run.DuringAsync();
        await rest;
        Assert.False(outcomes.ContainsKey("timeout"), $"requests hung: {string.Join(", ", outcomes)}");
        Assert.True(outcomes.GetValueOrDefault("200") >= 64, $"fewer than one listener's worth answered: {string.Join(", ", outcomes)}");
        return "5 waves of 1,000 concurrent GET /healthz (Connection: close): " + string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Value} {(o.Key is "closed" or "reset" ? o.Key + " at accept" : o.Key)}"));
    });

    [Fact]
    public Task KeepAliveFlood_Bounded_ProbesAnswer_LoopReacts() => AbuseCase.RunAsync(output, "keep-alive flood", async run =>
    {
        // 64 clients (the main listener's cap) each reusing one connection as fast as it can for 6 s, while 500 more
        // connections knock and are refused.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{run.Port.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(10) };
        var paths = new[] { "/healthz", "/readyz", "/metrics", "/status" };
        var answered = 0;
        var failures = new ConcurrentQueue<string>();
        var until = DateTime.UtcNow.AddSeconds(6);
        var flood = Enumerable.Range(0, 64).Select(c => Task.Run(async () =>
        {
            for (var i = 0; DateTime.UtcNow < until; i++)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri(paths[(c + i) % paths.Length], UriKind.Relative));
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref answered);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    failures.Enqueue(ex.Message);
                }
            }
        })).ToArray();
        await Task.Delay(1000);
        var (knockers, _) = await RawHttp.OpenAsync(run.Port, 500);
        await run.DuringAsync();
        await Task.WhenAll(flood);
        var (refused, _, _) = await RawHttp.AllClosedAsync(knockers, TimeSpan.FromSeconds(2));
        RawHttp.DisposeAll(knockers);
        Assert.True(answered > 1000, $"only {answered} requests answered in the keep-alive flood; failures: {string.Join(" | ", failures.Take(5))}");
        return string.Create(CultureInfo.InvariantCulture, $"64 keep-alive clients for 6 s over /healthz /readyz /metrics /status: {answered:N0} answered ({answered / 6.0:N0}/s), {failures.Count} failed; 500 extra connections meanwhile: {refused} closed by the agent at once");
    });
}

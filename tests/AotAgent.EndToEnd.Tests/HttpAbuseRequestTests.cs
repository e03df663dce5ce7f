using System.Collections.Concurrent;
using System.Globalization;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>
/// Issue 11, malformed requests, each sent 40 times on its own connection while the loop is asked to react: oversized
/// request lines and headers, methods other than GET/HEAD, HTTP/1.0 without Host, path tricks, bodies, other protocols.
/// Every one gets the answer Kestrel's limits or the agent give, never a hang and never anything but the agent's paths.
/// </summary>
public sealed class HttpAbuseRequestTests(ITestOutputHelper output)
{
    private const int Rounds = 40;

    /// <summary>Name, raw request, the status codes allowed ("closed"/"reset" for a dropped connection).</summary>
    private static readonly (string Name, string Request, string[] Expected)[] Cases =
    [
        ("request line 10 KiB", "GET /" + new string('l', 10 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ["414"]),
        ("path 100 KiB", "GET /" + new string('p', 100 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ["414"]),
        ("path 1,900 bytes", "GET /" + new string('q', 1900) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ["404"]),
        ("one 40 KiB header", "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + new string('h', 40 * 1024) + "\r\n\r\n", ["431"]),
        ("100 headers", "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"X-H{i}: {i}\r\n")) + "\r\n", ["431"]),
        ("POST", "POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n", ["405"]),
        ("PUT with a body", "PUT /status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello", ["405"]),
        ("DELETE", "DELETE /status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ["405"]),
        ("OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ["405"]),
        ("TRACE", "TRACE /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ["405"]),
        ("made-up method", "FOO /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ["405"]),
        ("HEAD /status", "HEAD /status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ["200"]),
        ("HTTP/1.0 without Host", "GET /healthz HTTP/1.0\r\n\r\n", ["200"]),
        ("HTTP/1.1 without Host", "GET /healthz HTTP/1.1\r\n\r\n", ["400"]),
        ("foreign Host", "GET /healthz HTTP/1.1\r\nHost: evil.example\r\n\r\n", ["200"]),
        ("absolute URI, other host", "GET http://evil.example/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ["400"]),
        ("/../../etc/passwd", "GET /../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ["404"]),
        ("%2e%2e/%2e%2e/etc/passwd", "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ["404"]),
        ("%2F-encoded slash", "GET /..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ["404"]),
        ("/healthz/../metrics (dot segments)", "GET /healthz/../metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ["200"]),
        ("NUL in the path", "GET /health\0z HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", ["400"]),
        ("GET with a 1 MB body announced", "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n\r\nabc", ["200", "413"]),
        ("chunked body", "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffff\r\n", ["200", "400", "413"]),
        ("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", ["non-HTTP bytes", "closed", "reset", "400", "505"]),
        ("TLS ClientHello", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + new string('\x01', 64), ["400", "closed", "reset"]),
        ("HTTP/1.2", "GET /healthz HTTP/1.2\r\nHost: 127.0.0.1\r\n\r\n", ["505", "400"]),
    ];

    [Fact]
    public Task MalformedRequests_EachAnsweredByTheLimitThatEndsIt_ProbesAnswer_LoopReacts() => AbuseCase.RunAsync(output, "malformed requests", async run =>
    {
        var seen = new ConcurrentDictionary<string, ConcurrentDictionary<string, int>>(StringComparer.Ordinal);
        var rounds = Task.Run(async () =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                await Task.WhenAll(Cases.Select(async c =>
                {
                    var line = await RawHttp.ExchangeAsync(run.Port, System.Text.Encoding.Latin1.GetBytes(c.Request), TimeSpan.FromSeconds(10));
                    var key = RawHttp.StatusCode(line) is var code and > 0 ? code.ToString(CultureInfo.InvariantCulture) : line;
                    seen.GetOrAdd(c.Name, _ => new(StringComparer.Ordinal)).AddOrUpdate(key, 1, (_, n) => n + 1);
                }));
            }
        });
        await Task.Delay(300);
        await run.DuringAsync();
        await rounds;

        var wrong = Cases.Where(c => seen[c.Name].Keys.Any(k => !c.Expected.Contains(k)))
            .Select(c => $"{c.Name}: {Describe(seen[c.Name])} (expected {string.Join("/", c.Expected)})").ToList();
        Assert.True(wrong.Count == 0, "unexpected answers: " + string.Join("; ", wrong));
        return $"{Cases.Length} kinds x {Rounds} = {Cases.Length * Rounds:N0} requests: " + string.Join("; ", Cases.Select(c => $"{c.Name} {Describe(seen[c.Name])}"));
    });

    private static string Describe(ConcurrentDictionary<string, int> answers) =>
        string.Join("+", answers.OrderByDescending(a => a.Value).Select(a => a.Value == Rounds ? a.Key : $"{a.Key}x{a.Value}"));
}

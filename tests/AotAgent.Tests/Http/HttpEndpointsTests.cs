using System.Text;
using System.Text.Json;
using AotAgent.Configuration;
using AotAgent.Diagnostics;
using AotAgent.Http;
using AotAgent.Watching;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace AotAgent.Tests.Http;

/// <summary>Issue 11: the one request delegate: GET/HEAD only, HEAD on every path, the probe listener's two paths, the /status gate.</summary>
public sealed class HttpEndpointsTests : IDisposable
{
    private const int MainPort = 9747;
    private const int ProbePort = 9748;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly DaemonStatus _status;
    private readonly StatusEndpoint _statusEndpoint;
    private readonly HttpEndpoints _sut;

    public HttpEndpointsTests()
    {
        _status = new DaemonStatus(_time, new ChangeSignal(_time));
        _status.Record(new AgentSettings(), null, null, WatchMode.Notifications, null, 1);
        _statusEndpoint = new StatusEndpoint(_status);
        _sut = new HttpEndpoints(new HttpSettings { Port = MainPort, ProbePort = ProbePort }, _status, new AgentMetrics(Metrics.NewCustomRegistry()), _statusEndpoint, new LoadTrim(_time, () => { }), _time, NullLogger<HttpEndpoints>.Instance);
    }

    private async Task<(int Status, string Body, HttpResponse Response)> Send(string method, string path, int port = MainPort)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Connection.LocalPort = port;
        var body = new MemoryStream();
        context.Response.Body = body;
        await _sut.HandleAsync(context);
        return (context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()), context.Response);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    [InlineData("TRACE")]
    [InlineData("FOO")]
    public async Task OtherMethods_405WithAllow(string method)
    {
        var (status, _, response) = await Send(method, "/healthz");

        Assert.Equal(405, status);
        Assert.Equal("GET, HEAD", response.Headers.Allow.ToString());
    }

    [Theory]
    [InlineData("/healthz", 200)]
    [InlineData("/readyz", 503)]
    [InlineData("/metrics", 200)]
    [InlineData("/status", 200)]
    [InlineData("/nope", 404)]
    public async Task Head_EveryPath_SameStatusAsGet_NoBody(string path, int expected)
    {
        var get = await Send("GET", path);
        var head = await Send("HEAD", path);

        Assert.Equal(expected, get.Status);
        Assert.Equal(expected, head.Status);
        Assert.Equal(string.Empty, head.Body);
        Assert.Equal(get.Response.ContentType, head.Response.ContentType);
        if (path != "/metrics")
        {
            Assert.Equal(Encoding.UTF8.GetByteCount(get.Body), head.Response.ContentLength);
        }
    }

    [Theory]
    [InlineData("/healthz", 200)]
    [InlineData("/readyz", 503)]
    [InlineData("/metrics", 404)]
    [InlineData("/status", 404)]
    public async Task ProbeListener_ServesOnlyTheProbes(string path, int expected)
    {
        var (status, body, _) = await Send("GET", path, ProbePort);

        Assert.Equal(expected, status);
        if (expected == 404)
        {
            Assert.Contains("probe listener serves /healthz and /readyz", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Status_IsJsonWithTheDaemonState()
    {
        var (status, body, _) = await Send("GET", "/status");

        Assert.Equal(200, status);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(0, doc.RootElement.GetProperty("candidatesNotListed").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("daemon").GetProperty("passes").GetInt64());
    }

    [Fact]
    public async Task Status_GateFull_503WithRetryAfter_ThenServedOnceASlotIsFree()
    {
        for (var i = 0; i < HttpLimits.StatusConcurrency; i++)
        {
            Assert.True(_statusEndpoint.TryEnter());
        }

        var (status, _, response) = await Send("GET", "/status");
        Assert.Equal(503, status);
        Assert.Equal("1", response.Headers.RetryAfter.ToString());

        _statusEndpoint.Leave();
        Assert.Equal(200, (await Send("GET", "/status")).Status);
    }

    public void Dispose() => _statusEndpoint.Dispose();

    [Fact]
    public void StatusBody_OneCopyPerVersion()
    {
        var first = _statusEndpoint.Body();
        Assert.Same(first, _statusEndpoint.Body());

        _status.Record(new AgentSettings(), null, null, WatchMode.Notifications, null, 1);
        Assert.NotSame(first, _statusEndpoint.Body());
    }
}

using AotAgent.Diagnostics;
using AotAgent.Http;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace AotAgent.Tests.Http;

/// <summary>Issue 11: a per-listener cap; refusals are counted always and logged at most once a minute.</summary>
public sealed class ListenerCapTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly AgentMetrics _metrics = new(Metrics.NewCustomRegistry());
    private readonly FakeLogger _logger = new();

    [Fact]
    public void TryEnter_PastTheLimit_Refuses_AndAdmitsAgainOnceOneLeaves()
    {
        var sut = new ListenerCap("main", 3, _metrics, new LoadTrim(_time, () => { }), _time, _logger);

        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(sut.TryEnter()));
        Assert.False(sut.TryEnter());
        Assert.Equal(3, sut.Open);
        Assert.Equal(3, _metrics.HttpConnections.WithLabels("main").Value);

        sut.Leave();
        Assert.True(sut.TryEnter());
        Assert.Equal(1, _metrics.HttpConnectionsRefused.WithLabels("main").Value);
    }

    [Fact]
    public void Listeners_HaveSeparateCounters()
    {
        var main = new ListenerCap("main", 2, _metrics, new LoadTrim(_time, () => { }), _time, _logger);
        var probe = new ListenerCap("probe", 2, _metrics, new LoadTrim(_time, () => { }), _time, _logger);
        for (var i = 0; i < 1000; i++)
        {
            main.TryEnter();
        }

        Assert.True(probe.TryEnter());
        Assert.True(probe.TryEnter());
        Assert.Equal(998, _metrics.HttpConnectionsRefused.WithLabels("main").Value);
        Assert.Equal(0, _metrics.HttpConnectionsRefused.WithLabels("probe").Value);
    }

    [Fact]
    public void Refusals_AFloodIsLoggedOnceAMinuteWithTheCount()
    {
        var sut = new ListenerCap("main", 1, _metrics, new LoadTrim(_time, () => { }), _time, _logger);
        sut.TryEnter();

        for (var i = 0; i < 5000; i++)
        {
            sut.TryEnter();
        }

        Assert.Equal(1, _logger.Collector.Count);
        Assert.Equal(LogEvents.HttpConnectionsRefused, _logger.LatestRecord.Id.Id);
        Assert.Contains("1 connections refused", _logger.LatestRecord.Message, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(59));
        sut.TryEnter();
        Assert.Equal(1, _logger.Collector.Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        sut.TryEnter();
        Assert.Equal(2, _logger.Collector.Count);
        Assert.Contains("5001 connections refused", _logger.LatestRecord.Message, StringComparison.Ordinal);
        Assert.Equal(5002, _metrics.HttpConnectionsRefused.WithLabels("main").Value);
    }
}

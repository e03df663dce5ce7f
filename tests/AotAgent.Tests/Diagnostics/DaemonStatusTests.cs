using AotAgent.Configuration;
using AotAgent.Diagnostics;
using AotAgent.Watching;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.Diagnostics;

/// <summary>
/// Issue 11, health that tells the truth (kube-proxy's rule): /healthz fails when a queued change has waited longer than
/// the bound without a successful pass, whether the loop never took it or every pass on it failed.
/// </summary>
public sealed class DaemonStatusTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ChangeSignal _signal;
    private readonly DaemonStatus _sut;
    private readonly AgentSettings _settings = new() { Watch = new WatchTiming { Resync = TimeSpan.FromSeconds(10) } };

    public DaemonStatusTests()
    {
        _signal = new ChangeSignal(_time);
        _sut = new DaemonStatus(_time, _signal);
    }

    private TimeSpan Bound => DaemonStatus.HealthBound(_settings);

    private void Succeeded() => _sut.Record(_settings, null, null, WatchMode.Notifications, null, 1);

    private void Failed(string error) => _sut.Record(_settings, null, error, WatchMode.Notifications, null, 1);

    /// <summary>Keeps the loop "turning" (ticks), so only the queued-vs-applied rule can fail.</summary>
    private void AdvanceTurning(TimeSpan by)
    {
        for (var left = by; left > TimeSpan.Zero; left -= TimeSpan.FromSeconds(5))
        {
            _time.Advance(left < TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5));
            _sut.Tick();
        }
    }

    [Fact]
    public void HealthBound_IsThreeResyncsAndTenSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(40), Bound);
        Assert.Equal(TimeSpan.FromSeconds(100), DaemonStatus.HealthBound(null));
    }

    [Fact]
    public void ChangeNeverTakenByTheLoop_FailsPastTheBound_NotBefore()
    {
        Succeeded();
        _signal.Raise(ChangeKind.CniDirectory);

        AdvanceTurning(Bound);
        Assert.True(_sut.Liveness().Live, _sut.Liveness().Reason);

        AdvanceTurning(TimeSpan.FromSeconds(1));
        var (live, reason) = _sut.Liveness();
        Assert.False(live);
        Assert.Contains("a change has waited 41s without a successful pass", reason, StringComparison.Ordinal);

        _sut.PassStarting(_signal.TakeQueued());
        Succeeded();
        Assert.True(_sut.Liveness().Live, _sut.Liveness().Reason);
    }

    [Fact]
    public void ChangeTakenByPassesThatFail_StaysQueued_FailsPastTheBound_RecoversOnSuccess()
    {
        Succeeded();
        _signal.Raise(ChangeKind.CniDirectory);
        _sut.PassStarting(_signal.TakeQueued());
        Failed("disk full");
        Assert.Null(_signal.QueuedSince);

        // A retry 20 s later queues again; the oldest change still counts.
        AdvanceTurning(TimeSpan.FromSeconds(20));
        _signal.Queued();
        _sut.PassStarting(_signal.TakeQueued());
        Failed("disk full");
        AdvanceTurning(TimeSpan.FromSeconds(21));

        var (live, reason) = _sut.Liveness();
        Assert.False(live);
        Assert.Contains("every pass has failed for 41s, and a change has waited 41s: disk full", reason, StringComparison.Ordinal);

        _signal.Queued();
        _sut.PassStarting(_signal.TakeQueued());
        Succeeded();
        Assert.True(_sut.Liveness().Live);
    }

    [Fact]
    public void IdleLoop_NothingQueued_StaysLiveAsLongAsItTicks()
    {
        Succeeded();
        AdvanceTurning(TimeSpan.FromMinutes(10));

        Assert.True(_sut.Liveness().Live, _sut.Liveness().Reason);
    }

    [Fact]
    public void LoopThatStopsTicking_FailsAsStalled()
    {
        Succeeded();
        _time.Advance(Bound + TimeSpan.FromSeconds(1));

        var (live, reason) = _sut.Liveness();
        Assert.False(live);
        Assert.Contains("stalled", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_ChangesWithEveryPassAndEveryQueuedChange()
    {
        var start = _sut.Version;
        Succeeded();
        var afterPass = _sut.Version;
        _time.Advance(TimeSpan.FromSeconds(1));
        _signal.Queued();

        Assert.NotEqual(start, afterPass);
        Assert.NotEqual(afterPass, _sut.Version);
        Assert.Equal(_sut.Version, _sut.Version);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 12, 0, 1, TimeSpan.Zero), _sut.Report().Daemon.LastQueued);
    }
}

using AotAgent.Diagnostics;
using AotAgent.Tests.TestDoubles;
using static AotAgent.Tests.TestDoubles.DaemonHarness;

namespace AotAgent.Tests.Diagnostics;

/// <summary>
/// Issue 14: a foreign writer that changes its bytes on every write made one warning per write, each saying "restoring
/// it" while the agent was backing off. Now: one line when the fight begins, one when the back-off begins, a count when
/// it is over; every change still counted.
/// </summary>
public sealed class ConflictReporterTests
{
    private static async Task<DaemonHarness> Started(int budget = 3)
    {
        var h = new DaemonHarness(new Dictionary<string, string?> { ["Output:ConflictBudget"] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        return h;
    }

    private static string Message(DaemonHarness h, int eventId) => Assert.Single(h.Logs.GetSnapshot(), r => r.Id.Id == eventId).Message;

    [Fact]
    public async Task WriterChangingItsBytesEveryTime_ThreeLinesNotOnePerWrite_AndTheyTellWhatTheAgentDid()
    {
        await using var h = await Started(budget: 3);

        for (var i = 0; i < 40; i++)
        {
            h.FileSystem.File.WriteAllText(OutputPath, $$"""{"cniVersion":"0.3.1","name":"multus-cni-network","type":"multus-shim","fight":{{i}}}""");
            await h.FireCniEvent();
        }

        Assert.Equal(40, h.Metrics.OutputConflicts.Value);
        Assert.Equal(1 + 3, h.Metrics.OutputWrites.Value);
        var first = Message(h, LogEvents.OutputConflict);
        Assert.Contains("the agent restored it", first, StringComparison.Ordinal);
        Assert.Contains("second Multus config generator", first, StringComparison.Ordinal);
        Assert.Contains("no longer restores it", Message(h, LogEvents.ConflictBackoff), StringComparison.Ordinal);
        Assert.DoesNotContain(h.Logs.GetSnapshot(), r => r.Message.Contains("restoring it", StringComparison.Ordinal));
        Assert.Equal(0, h.LogCount(LogEvents.ConflictsEnded));

        // The minute is over: one more restore, then a minute without changes ends the spell with its count.
        await h.Advance(TimeSpan.FromSeconds(61));
        Assert.Contains("clusterNetwork", h.Output);
        await h.Advance(TimeSpan.FromSeconds(30));
        await h.Advance(TimeSpan.FromSeconds(31));

        var ended = Message(h, LogEvents.ConflictsEnded);
        Assert.Contains("40 changes", ended, StringComparison.Ordinal);
        Assert.Contains("restored it 4 times and left 37 changes in place while backing off", ended, StringComparison.Ordinal);
        Assert.Equal(1, h.LogCount(LogEvents.OutputConflict));
        Assert.Equal(1, h.LogCount(LogEvents.ConflictBackoff));
    }

    [Fact]
    public async Task NewSpellAfterQuiet_SaidAgain_AndADifferentCauseIsSaidWithinASpell()
    {
        await using var h = await Started(budget: 5);

        h.FileSystem.File.WriteAllText(OutputPath, "{\"type\":\"calico\"}");
        await h.FireCniEvent();
        h.FileSystem.File.Move(OutputPath, OutputPath + ".cilium_bak");
        await h.FireCniEvent();

        var lines = h.Logs.GetSnapshot().Where(r => r.Id.Id == LogEvents.OutputConflict).Select(r => r.Message).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("none found: the new content is not a Multus config", lines[0], StringComparison.Ordinal);
        Assert.Contains("cni.exclusive", lines[1], StringComparison.Ordinal);

        await h.Advance(TimeSpan.FromSeconds(31));
        await h.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, h.LogCount(LogEvents.ConflictsEnded));

        h.FileSystem.File.WriteAllText(OutputPath, "{}");
        await h.FireCniEvent();
        Assert.Equal(3, h.LogCount(LogEvents.OutputConflict));
    }

    /// <summary>"Primary is now" before "Wrote": the decision is said before what the agent did with it.</summary>
    [Fact]
    public async Task PrimaryChangeLive_SaidBeforeTheWrite()
    {
        await using var h = new DaemonHarness();
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        h.AddCni("11-bws.conflist", Conflist("bws-cni", "aws-cni"));
        h.SetConfig("Primary__Prefer", "file:10-aws.conflist");
        await h.StartAsync();

        h.SetConfig("Primary__Prefer", "file:11-bws.conflist");
        await h.FireConfigEvent();

        var events = h.Logs.GetSnapshot().Select(r => (r.Id.Id, r.Message)).ToList();
        var changed = events.FindLastIndex(e => e.Id == LogEvents.PrimaryChanged && e.Message.Contains("11-bws", StringComparison.Ordinal));
        var wrote = events.FindLastIndex(e => e.Id == LogEvents.OutputWritten && e.Message.Contains("11-bws", StringComparison.Ordinal));
        Assert.True(changed >= 0 && wrote > changed, string.Join(" | ", events.Select(e => e.Message)));
        Assert.True(events.FindLastIndex(e => e.Id == LogEvents.ConfigApplied) < changed);
    }
}

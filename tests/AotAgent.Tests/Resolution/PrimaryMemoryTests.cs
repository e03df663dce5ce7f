using AotAgent.Resolution;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Resolution;

public sealed class PrimaryMemoryTests
{
    private static readonly TimeSpan T0 = TimeSpan.FromHours(10);
    private static readonly TimeSpan T1 = T0 + TimeSpan.FromSeconds(1);
    private static readonly PrimaryRules Rules = new();
    private static readonly Eligibility Eligible = new(["00-multus.conf", "00-multus.conflist"], null);

    private static ScanResult Scan(params (string Name, string Json)[] files) =>
        new(true, files.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => Parsed.File(new ScannedFile(f.Name, CniJson.Bytes(f.Json), null))).ToList(), true);

    [Fact]
    public void Decide_RemembersTheChoiceAndHoldsItWhileItIsBroken()
    {
        var memory = new PrimaryMemory();
        memory.Decide(Scan(("10-a.conf", CniJson.Conf("a")), ("20-b.conf", CniJson.Conf("b"))), "/cni", Rules, Eligible, T0);

        var held = memory.Decide(Scan(("10-a.conf", "{"), ("20-b.conf", CniJson.Conf("b"))), "/cni", Rules, Eligible, T1);

        Assert.Equal(DecisionOutcome.Held, held.Outcome);
        Assert.Equal("10-a.conf", held.Primary!.File);
        Assert.Equal(T1 + Rules.InvalidGrace, memory.GraceEnds(Rules));
    }

    [Fact]
    public void Decide_WaitingOrMissingDirectory_ForgetsNothing()
    {
        var memory = new PrimaryMemory();
        var first = memory.Decide(Scan(("10-a.conf", CniJson.Conf("a"))), "/cni", Rules, Eligible, T0);

        memory.Decide(ScanResult.Missing, "/cni", Rules, Eligible, T0);

        Assert.Same(first, memory.Previous);
        Assert.Null(memory.GraceEnds(Rules));
    }
}

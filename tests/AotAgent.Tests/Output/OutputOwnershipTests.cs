using System.Text;
using AotAgent.Output;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.Output;

public sealed class OutputOwnershipTests
{
    private static readonly OutputPolicy Budget2 = new() { ConflictBudget = 2 };
    private readonly FakeTimeProvider _time = new();

    private static OutputState State(string content, string name = "00-multus.conf") => new(name, Encoding.UTF8.GetBytes(content));

    private static bool Nothing(string name) => false;

    [Fact]
    public void Check_BeforeAnyWrite_OwnWhateverIsThere()
    {
        Assert.Same(OwnershipCheck.Own, new OutputOwnership(_time).Check(State("{}"), Budget2, Nothing));
    }

    [Fact]
    public void Check_WhatWasClaimed_Own()
    {
        var sut = new OutputOwnership(_time);
        sut.Claim(State("ours"));

        Assert.Same(OwnershipCheck.Own, sut.Check(State("ours"), Budget2, Nothing));
    }

    [Fact]
    public void Check_ForeignState_CountedOnceEvenWhileSeenAgain()
    {
        var sut = new OutputOwnership(_time);
        sut.Claim(State("ours"));

        var first = sut.Check(State("theirs"), Budget2, Nothing);
        var sameAgain = sut.Check(State("theirs"), Budget2, Nothing);

        Assert.True(first.MayWrite);
        Assert.True(first.Restores);
        Assert.Equal(("00-multus.conf", "rewritten"), (first.Change!.Output, first.Change.Change));
        Assert.StartsWith("none found", first.Change.LikelyCause, StringComparison.Ordinal);

        // Restored, so the next sighting of the same bytes is a new change.
        Assert.NotNull(sameAgain.Change);
    }

    [Fact]
    public void Check_PastBudget_BacksOffOnceThenRoomAfterTheWindow()
    {
        var sut = new OutputOwnership(_time);
        sut.Claim(State("ours"));
        sut.Check(State("a"), Budget2, Nothing);
        sut.Check(State("b"), Budget2, Nothing);

        var third = sut.Check(State("c"), Budget2, Nothing);
        var fourth = sut.Check(State("c"), Budget2, Nothing);

        Assert.False(third.MayWrite);
        Assert.False(third.Restores);
        Assert.True(third.Backoff);
        Assert.True(third.BackoffStarted);
        Assert.NotNull(third.Change);
        Assert.False(fourth.MayWrite);
        Assert.False(fourth.BackoffStarted);
        Assert.Null(fourth.Change);
        Assert.Equal(TimeSpan.FromMinutes(1), sut.UntilRoom());

        _time.Advance(TimeSpan.FromMinutes(1));
        var afterWindow = sut.Check(State("c"), Budget2, Nothing);
        Assert.True(afterWindow.MayWrite);
        Assert.True(afterWindow.Restores); // the change left in place while backing off is put right now
        Assert.Null(afterWindow.Change);
    }

    [Fact]
    public void Check_RemovedAndCiliumBackupListed_CauseNamesCilium()
    {
        var sut = new OutputOwnership(_time);
        sut.Claim(State("ours"));

        var check = sut.Check(OutputState.None, Budget2, name => name == "00-multus.conf.cilium_bak");

        Assert.Equal("removed", check.Change!.Change);
        Assert.Contains("cni.exclusive", check.Change.LikelyCause, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BudgetChanged_WindowStartsAfresh()
    {
        var sut = new OutputOwnership(_time);
        sut.Claim(State("ours"));
        sut.Check(State("a"), new OutputPolicy { ConflictBudget = 1 }, Nothing);
        Assert.False(sut.Check(State("b"), new OutputPolicy { ConflictBudget = 1 }, Nothing).MayWrite);

        Assert.True(sut.Check(State("c"), Budget2, Nothing).MayWrite);
    }
}

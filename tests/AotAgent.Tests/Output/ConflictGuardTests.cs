using AotAgent.Output;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.Output;

public sealed class ConflictGuardTests
{
    [Fact]
    public void TryRestore_WithinBudget_Allowed()
    {
        var guard = new ConflictGuard(new FakeTimeProvider(), 3);

        Assert.True(guard.TryRestore());
        Assert.True(guard.TryRestore());
        Assert.True(guard.TryRestore());
        Assert.False(guard.InBackoff);
        Assert.Null(guard.UntilRoom());
    }

    [Fact]
    public void TryRestore_OverBudget_BacksOffUntilOldestLeavesWindow()
    {
        var time = new FakeTimeProvider();
        var guard = new ConflictGuard(time, 2);
        guard.TryRestore();
        time.Advance(TimeSpan.FromSeconds(20));
        guard.TryRestore();

        Assert.False(guard.TryRestore());
        Assert.True(guard.InBackoff);
        Assert.Equal(TimeSpan.FromSeconds(40), guard.UntilRoom());

        time.Advance(TimeSpan.FromSeconds(40));
        Assert.True(guard.TryRestore());
        Assert.False(guard.InBackoff);
        Assert.Equal(2, guard.RestoresInWindow);
    }
}

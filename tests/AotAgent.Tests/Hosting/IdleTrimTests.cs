using AotAgent.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.Hosting;

/// <summary>The loop's memory trim: once after a busy spell, only when quiet, never for ordinary traffic.</summary>
public sealed class IdleTrimTests
{
    private readonly FakeTimeProvider _time = new();
    private long _allocated;
    private int _collections;

    private IdleTrim Trim() => new(_time, () => _allocated, () => _collections++);

    private static async Task Settle()
    {
        // The trim runs on the thread pool after its timer: give it the moment it needs (real time, generous).
        for (var i = 0; i < 100; i++)
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task LittleAllocated_NoCollection()
    {
        var trim = Trim();
        for (var i = 0; i < 1_000; i++)
        {
            _allocated += 1_000;
            trim.Passed();
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        await Settle();

        Assert.Equal(0, _collections);
    }

    [Fact]
    public async Task BusySpell_OneCollectionOnceQuiet_PassesMeanwhilePostponeIt()
    {
        var trim = Trim();
        _allocated += IdleTrim.Threshold;
        trim.Passed();
        trim.Passed();

        // Another pass inside the quiet period: not yet.
        _time.Advance(IdleTrim.Quiet / 2);
        trim.Passed();
        _time.Advance(IdleTrim.Quiet / 2);
        await Settle();
        Assert.Equal(0, _collections);

        _time.Advance(IdleTrim.Quiet);
        await Settle();
        Assert.Equal(1, _collections);
        Assert.Equal(1, trim.Trims);

        // Counted from the trim: the same allocation total does not trim again.
        trim.Passed();
        _time.Advance(IdleTrim.Quiet * 2);
        await Settle();
        Assert.Equal(1, _collections);
    }

    [Fact]
    public async Task Collection_QuietAfterTheLastPass_NotAfterAWholeNewWait()
    {
        var trim = Trim();
        _allocated += IdleTrim.Threshold;
        trim.Passed();
        _time.Advance(IdleTrim.Quiet * 0.9);
        trim.Passed();

        // Quiet has passed since the last pass: collected now, not a whole Quiet after the wait noticed that pass.
        _time.Advance(IdleTrim.Quiet);
        await Settle();

        Assert.Equal(1, _collections);
    }
}

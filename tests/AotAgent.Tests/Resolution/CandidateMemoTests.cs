using System.IO.Abstractions;
using AotAgent.Platform;
using AotAgent.Resolution;
using AotAgent.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.Resolution;

/// <summary>
/// Deciding over thousands of unchanged files: verdicts come from the memo, and the decision costs the candidate list
/// and little else (issue: cost that follows what changed). Bytes allocated are a count, not a clock.
/// </summary>
public sealed class CandidateMemoTests(CandidateMemoTests.TenThousandFiles directory) : IClassFixture<CandidateMemoTests.TenThousandFiles>
{
    private const int Files = 10_000;

    // Read "later" than the files were written, so none is racily clean.
    private readonly CniDirectoryScanner _scanner = new(new FileSystem(), new LibcFileProbe(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1)));
    private readonly Eligibility _eligibility = new(["00-multus.conf"], null);
    private readonly TempDirectory _dir = directory.Dir;

    private ScanResult Scan() => _scanner.Scan(_dir.Path, null, ScannedFile.HasCniExtension, thin: false, ScanScope.Full);

    private static PrimaryRules Rules(string prefer) => new SettingsBuilder().Set("Primary__Prefer", prefer).Build().Primary;

    [Theory]
    [InlineData("file:20-n09999.conflist")] // a rule, matched by the last file
    [InlineData("type:nothing-has-this,file:20-n00001.conflist")] // the first selector matches nothing
    public void UnchangedDirectory_DecisionAllocatesLittleMoreThanItsCandidateList(string prefer)
    {
        var memory = new PrimaryMemory();
        var rules = Rules(prefer);
        memory.Decide(Scan(), _dir.Path, rules, _eligibility, TimeSpan.FromSeconds(1));
        memory.Decide(Scan(), _dir.Path, rules, _eligibility, TimeSpan.FromSeconds(2));
        var capacity = memory.Verdicts.Capacity;

        var third = Scan();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var decision = memory.Decide(third, _dir.Path, rules, _eligibility, TimeSpan.FromSeconds(3));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(DecisionOutcome.Selected, decision.Outcome);
        Assert.Equal(Files, decision.Candidates.Count);

        // The memo's arrays are reused, not thrown away and regrown (that cost 512 KiB a pass here).
        Assert.Equal(capacity, memory.Verdicts.Capacity);
        Assert.True(capacity >= Files);

        // The candidate list (8 bytes a file), plus a little: nothing per file. Before the fix: 747 KiB (the memo's
        // arrays regrown, and the eligible files listed twice).
        Assert.InRange(allocated, 0, (8 * Files) + (64 * 1024));
    }

    [Fact]
    public void UnchangedFiles_ClassifiedOnce()
    {
        var memory = new PrimaryMemory();
        var rules = Rules("file:20-n00000.conflist");
        var first = memory.Decide(Scan(), _dir.Path, rules, _eligibility, TimeSpan.FromSeconds(1));
        var second = memory.Decide(Scan(), _dir.Path, rules, _eligibility, TimeSpan.FromSeconds(2));

        // The very candidate objects of the first pass come back (no classification, no new reason strings).
        Assert.All(Enumerable.Range(1, Files - 1), i => Assert.Same(first.Candidates[i], second.Candidates[i]));
        Assert.Equal(Files, memory.Verdicts.Count);
    }

    [Fact]
    public void DirectoryShrinks_MemoShrinksWithIt()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 1_000; i++)
        {
            File.WriteAllText(dir.Combine($"20-n{i:D5}.conflist"), CniJson.List($"n{i}"));
        }

        ScanResult ScanSmall() => _scanner.Scan(dir.Path, null, ScannedFile.HasCniExtension, thin: false, ScanScope.Full);
        var memory = new PrimaryMemory();
        var rules = Rules("file:20-n00000.conflist");
        memory.Decide(ScanSmall(), dir.Path, rules, _eligibility, TimeSpan.FromSeconds(1));
        memory.Decide(ScanSmall(), dir.Path, rules, _eligibility, TimeSpan.FromSeconds(1));
        Assert.True(memory.Verdicts.Capacity >= 1_000);

        for (var i = 10; i < 1_000; i++)
        {
            File.Delete(dir.Combine($"20-n{i:D5}.conflist"));
        }

        // Both generations are cut down within a few passes (each is judged when it is next cleared).
        for (var pass = 2; pass <= 4; pass++)
        {
            memory.Decide(ScanSmall(), dir.Path, rules, _eligibility, TimeSpan.FromSeconds(pass));
        }

        Assert.Equal(10, memory.Verdicts.Count);
        Assert.InRange(memory.Verdicts.Capacity, 10, 64);
    }

    /// <summary>One directory of 10,000 small lists, written once for the tests that only read it.</summary>
    public sealed class TenThousandFiles : IDisposable
    {
        public TenThousandFiles()
        {
            for (var i = 0; i < Files; i++)
            {
                File.WriteAllText(Dir.Combine($"20-n{i:D5}.conflist"), CniJson.List($"n{i}"));
            }
        }

        public TempDirectory Dir { get; } = new();

        public void Dispose() => Dir.Dispose();
    }
}

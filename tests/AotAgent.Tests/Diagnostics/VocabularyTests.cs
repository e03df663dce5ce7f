using AotAgent.Diagnostics;
using AotAgent.Reconciliation;
using AotAgent.Resolution;

namespace AotAgent.Tests.Diagnostics;

/// <summary>One set of names: distinct, snake_case, and a decision's name is the name of the pass outcome it leads to.</summary>
public sealed class VocabularyTests
{
    [Fact]
    public void Names_AreDistinctAndSnakeCase()
    {
        var passes = Vocabulary.PassOutcomes.Select(Vocabulary.Name).ToList();
        var verdicts = Vocabulary.Verdicts.Select(Vocabulary.Name).ToList();

        Assert.Equal(passes.Count, passes.Distinct().Count());
        Assert.Equal(verdicts.Count, verdicts.Distinct().Count());
        Assert.All(passes.Concat(verdicts), n => Assert.Matches("^[a-z]+(_[a-z]+)*$", n));
    }

    [Theory]
    [InlineData("Held", "Held")]
    [InlineData("NoPrimary", "NoPrimary")]
    [InlineData("WaitingForReadyFile", "WaitingForReadyFile")]
    [InlineData("DirectoryMissing", "DirectoryMissing")]
    public void DecisionAndPassOutcome_ShareTheName(string decision, string pass)
    {
        Assert.Equal(Vocabulary.Name(Enum.Parse<PassOutcome>(pass)), Vocabulary.Name(Enum.Parse<DecisionOutcome>(decision)));
    }
}

using AotAgent.Resolution;

namespace AotAgent.Tests.TestDoubles;

/// <summary>What the scanner does with a file it read: parse it (the resolver sees only parsed files).</summary>
internal static class Parsed
{
    public static ScannedFile File(ScannedFile file, ParseContext? context = null) =>
        file.Content is { } content
            ? file with { Parsed = new ParseOutcome(CniConfigParser.Parse(file.Name, content, context ?? ParseContext.Default, out var problem), problem) }
            : file;
}

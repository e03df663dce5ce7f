namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>Figures a run produces (kills survived, inputs tried...): to the test output and to a log docs/reliability.md is written from.</summary>
public static class Figures
{
    private static readonly Lock Gate = new();

    public static string LogPath => Path.Combine(Path.GetTempPath(), "aot-e2e-figures.log");

    public static void Record(ITestOutputHelper output, string scenario, string figure)
    {
        var line = $"{DateTime.UtcNow:HH:mm:ss} [{scenario}] {figure}";
        output.WriteLine(line);
        lock (Gate)
        {
            File.AppendAllText(LogPath, line + Environment.NewLine);
        }
    }
}

namespace AotAgent.Deploy.Tests;

/// <summary>
/// Runs the helm binary installed by scripts/install-helm.sh (&lt;repo&gt;/.tools/bin/helm) or found on PATH.
/// A missing helm fails the test; it is never skipped.
/// </summary>
internal static class Helm
{
    public const string DefaultRelease = "aot-agent";
    public const string DefaultNamespace = "kube-system";

    private static readonly Lazy<string> _executable = new(Locate);

    public static string Executable => _executable.Value;

    public static ProcessResult Run(params string[] arguments) => ProcessRunner.Run(Executable, arguments);

    /// <summary>helm template; <paramref name="extraArguments"/> are e.g. "-f", file or "--set-json", "k=v".</summary>
    public static ProcessResult TryTemplate(string release, string @namespace, params string[] extraArguments) =>
        Run(["template", release, RepoPaths.ChartDir, "--namespace", @namespace, .. extraArguments]);

    public static string Template(params string[] extraArguments) =>
        TemplateRelease(DefaultRelease, DefaultNamespace, extraArguments);

    public static string TemplateRelease(string release, string @namespace, params string[] extraArguments)
    {
        var result = TryTemplate(release, @namespace, extraArguments);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"helm template {string.Join(' ', extraArguments)} failed: {result.Describe()}");
        }

        return result.StdOut;
    }

    public static string ValuesFile(string name) => Path.Combine(RepoPaths.ValuesDir, name);

    private static string Locate()
    {
        var local = RepoPaths.At(".tools", "bin", "helm");
        if (File.Exists(local))
        {
            return local;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "helm");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"helm not found at {local} nor on PATH. Run scripts/install-helm.sh first "
            + "(it installs helm and kubectl into .tools/bin).");
    }
}

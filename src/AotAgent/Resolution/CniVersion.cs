using System.Globalization;

namespace AotAgent.Resolution;

/// <summary>
/// CNI spec versions. <see cref="TryParse"/> is AotAgent's (stricter) rule for a primary's cniVersion: one to three
/// parts of digits. <see cref="TryParseLibcni"/> is libcni v1.3.0's <c>version.ParseVersion</c> (pkg/version/plugin.go),
/// which decides whether a <c>cniVersions</c> entry loads.
/// </summary>
internal static class CniVersion
{
    /// <summary>What libcni v1.3.0 supports (<c>version.Current()</c>): later <c>cniVersions</c> entries are dropped.</summary>
    private static readonly Version LibcniCurrent = new(1, 1, 0);

    public static bool TryParse(string? text, out Version version)
    {
        version = new Version(0, 0, 0);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length is < 1 or > 3 || parts.Any(p => p.Length == 0 || p.Length > 6 || !p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).Concat([0, 0]).Take(3).ToArray();
        version = new Version(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    public static bool AtLeast(string text, int major, int minor) =>
        TryParse(text, out var v) && v >= new Version(major, minor, 0);

    /// <summary>
    /// libcni's parser: "" is 0.1.0; up to three dot-separated parts, each what Go's <c>strconv.Atoi</c> accepts (an
    /// optional sign and decimal digits). Not semver: "1.0" and "+1.0.0" pass, "v1.0.0" and "1.0.0-rc1" do not.
    /// </summary>
    public static bool TryParseLibcni(string text, out (long Major, long Minor, long Micro) version, out string? problem)
    {
        version = (0, 1, 0);
        problem = null;
        if (text.Length == 0)
        {
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length > 3)
        {
            problem = $"\"{text}\" has too many parts";
            return false;
        }

        var numbers = new long[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numbers[i]))
            {
                problem = $"\"{text}\": part \"{parts[i]}\" is not a number";
                return false;
            }
        }

        version = (numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <summary>
    /// The version libcni v1.3.0 gives a list (§2.2 of its loader): the greatest of the <c>cniVersions</c> entries and the
    /// cniVersion that are no later than the version it supports; if none is, the cniVersion as written. An empty
    /// cniVersion is no candidate (libcni appends it only when set).
    /// </summary>
    public static string Effective(string cniVersion, IReadOnlyList<string> cniVersions)
    {
        string? best = null;
        (long, long, long) bestValue = default;
        foreach (var candidate in cniVersion.Length > 0 ? cniVersions.Append(cniVersion) : cniVersions)
        {
            if (!TryParseLibcni(candidate, out var value, out _) || Compare(value, LibcniCurrent) > 0)
            {
                continue;
            }

            if (best is null || Compare(value, bestValue) > 0)
            {
                (best, bestValue) = (candidate, value);
            }
        }

        return best ?? cniVersion;
    }

    private static int Compare((long Major, long Minor, long Micro) a, Version b) => Compare(a, (b.Major, b.Minor, b.Build));

    private static int Compare((long Major, long Minor, long Micro) a, (long Major, long Minor, long Micro) b) =>
        a.Major != b.Major ? a.Major.CompareTo(b.Major) : a.Minor != b.Minor ? a.Minor.CompareTo(b.Minor) : a.Micro.CompareTo(b.Micro);
}

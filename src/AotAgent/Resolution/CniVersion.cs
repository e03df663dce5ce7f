namespace AotAgent.Resolution;

/// <summary>CNI spec versions ("0.3.1", "1.0.0") compared numerically, like Multus's semver checks.</summary>
internal static class CniVersion
{
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

        var numbers = parts.Select(int.Parse).Concat([0, 0]).Take(3).ToArray();
        version = new Version(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    public static bool AtLeast(string text, int major, int minor) =>
        TryParse(text, out var v) && v >= new Version(major, minor, 0);
}

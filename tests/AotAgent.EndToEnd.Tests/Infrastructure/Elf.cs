namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>The architecture an ELF executable is built for, from its header (e_machine), as .NET names it.</summary>
public static class Elf
{
    public static string Architecture(string path)
    {
        var header = new byte[20];
        using (var file = File.OpenRead(path))
        {
            file.ReadExactly(header);
        }

        Assert.True(header[0] == 0x7f && header[1] == (byte)'E' && header[2] == (byte)'L' && header[3] == (byte)'F', $"{path} is not an ELF file");
        var machine = header[18] | (header[19] << 8);
        return machine switch
        {
            62 => "x64",
            183 => "arm64",
            _ => $"e_machine {machine}",
        };
    }

    /// <summary>The machine's own architecture in the same words.</summary>
    public static string Host => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
}

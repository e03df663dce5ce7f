namespace AotAgent.Tests.TestDoubles;

/// <summary>A real directory under /tmp for what MockFileSystem cannot model (FIFOs, symlink loops, modes); removed on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aot-agent-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var path = Combine(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            // Deleting needs write permission on the directory only; a chmod 000 file inside does not matter.
            new DirectoryInfo(Path).UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using System.IO.Abstractions;

namespace AotAgent.Output;

/// <summary>
/// Replaces a file so that a reader sees the old bytes or the new ones, never a mix: a hidden temp file in the same
/// directory (runtimes ignore it), created exclusively, written, fsynced, renamed over the target, directory fsynced.
/// On any failure the target is untouched and the temp file removed.
/// </summary>
internal sealed class AtomicFileWriter(IFileSystem fileSystem, IDirectorySync directorySync)
{
    /// <summary>Temp names are <c>.aot-agent.&lt;target&gt;.&lt;random&gt;.tmp</c>: leading dot, no CNI extension.</summary>
    public const string TempPrefix = ".aot-agent.";

    public const string TempSuffix = ".tmp";

    public static bool IsTempFile(string name) =>
        name.StartsWith(TempPrefix, StringComparison.Ordinal) && name.EndsWith(TempSuffix, StringComparison.Ordinal);

    /// <summary>
    /// Replaces <paramref name="fileName"/> with <paramref name="content"/>. A <see cref="DirectoryFlushException"/> means
    /// the file is in place but the directory flush failed; any other exception means the target is untouched.
    /// </summary>
    public void Replace(string directory, string fileName, byte[] content, UnixFileMode mode)
    {
        var target = fileSystem.Path.Combine(directory, fileName);

        // The name only has to be unlikely to collide: CreateNew (O_EXCL) refuses an existing file. Random.Shared, not a
        // CSPRNG, because the crypto RNG loads OpenSSL into a process that otherwise never needs it (~4 MB resident).
        var temp = fileSystem.Path.Combine(directory, $"{TempPrefix}{fileName}.{Random.Shared.NextInt64():x16}{TempSuffix}");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = mode,
            };
            using (var stream = fileSystem.FileStream.New(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            // UnixCreateMode is filtered by the umask; set the exact bits.
            fileSystem.File.SetUnixFileMode(temp, mode);

            fileSystem.File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        directorySync.Flush(directory);
    }

    /// <summary>Removes temp files a killed predecessor left behind.</summary>
    public int CleanStaleTempFiles(string directory)
    {
        if (!fileSystem.Directory.Exists(directory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var path in fileSystem.Directory.EnumerateFiles(directory, TempPrefix + "*"))
        {
            if (IsTempFile(fileSystem.Path.GetFileName(path)) && TryDelete(path))
            {
                removed++;
            }
        }

        return removed;
    }

    private bool TryDelete(string path)
    {
        try
        {
            fileSystem.File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

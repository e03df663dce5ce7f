using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using System.Reflection;
using Microsoft.Win32.SafeHandles;

namespace AotAgent.Tests.TestDoubles;

/// <summary>
/// A MockFileSystem whose rename or write can be made to fail, for the failure paths of the atomic writer
/// (a rename refused, a disk full mid-write). It also fixes one gap of MockFileSystem 22.x: File.Move drops the
/// file's Unix mode, where a real rename keeps it (same inode). Everything else is the MockFileSystem's own behaviour.
/// </summary>
public sealed class FaultyFileSystem : MockFileSystem
{
    private readonly IFile _file;
    private readonly IFileStreamFactory _fileStream;

    public FaultyFileSystem()
    {
        _file = FailingFileProxy.Create(base.File, this, nameof(IFile.Move), () => FailMove);
        _fileStream = new FailingStreamFactory(base.FileStream, this);
    }

    /// <summary>When set, File.Move throws it.</summary>
    public Exception? FailMove { get; set; }

    /// <summary>When set, writing to any stream opened through FileStream.New throws it (after the file was created).</summary>
    public Exception? FailWrite { get; set; }

    /// <summary>Every File.Move seen: source, destination, and whether the source existed at that moment.</summary>
    public List<(string From, string To, bool SourceExisted)> Moves { get; } = [];

    public override IFile File => _file;

    public override IFileStreamFactory FileStream => _fileStream;

    internal void RecordMove(object?[]? args)
    {
        var from = (string)args![0]!;
        Moves.Add((from, (string)args[1]!, base.File.Exists(from)));
    }

    /// <summary>Forwards every call to the real implementation except one method, which throws when asked to.</summary>
    public class FailingFileProxy : DispatchProxy
    {
        private IFile _inner = null!;
        private FaultyFileSystem _owner = null!;
        private string _method = string.Empty;
        private Func<Exception?> _failure = () => null;

        public static IFile Create(IFile inner, FaultyFileSystem owner, string method, Func<Exception?> failure)
        {
            var proxy = DispatchProxy.Create<IFile, FailingFileProxy>();
            var self = (FailingFileProxy)(object)proxy;
            self._inner = inner;
            self._owner = owner;
            self._method = method;
            self._failure = failure;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == _method)
            {
                _owner.RecordMove(args);
                if (_failure() is { } failure)
                {
                    throw failure;
                }
            }

            try
            {
                if (targetMethod.Name == nameof(IFile.Move))
                {
                    var mode = _inner.GetUnixFileMode((string)args![0]!);
                    var result = targetMethod.Invoke(_inner, args);
                    _inner.SetUnixFileMode((string)args[1]!, mode);
                    return result;
                }

                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }
    }

    private sealed class FailingStreamFactory(IFileStreamFactory inner, FaultyFileSystem owner) : IFileStreamFactory
    {
        public IFileSystem FileSystem => owner;

        public FileSystemStream New(SafeFileHandle handle, FileAccess access) => inner.New(handle, access);

        public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize) => inner.New(handle, access, bufferSize);

        public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize, bool isAsync) => inner.New(handle, access, bufferSize, isAsync);

        public FileSystemStream New(string path, FileMode mode) => Wrap(inner.New(path, mode));

        public FileSystemStream New(string path, FileMode mode, FileAccess access) => Wrap(inner.New(path, mode, access));

        public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share) => Wrap(inner.New(path, mode, access, share));

        public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize) => Wrap(inner.New(path, mode, access, share, bufferSize));

        public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, bool useAsync) => Wrap(inner.New(path, mode, access, share, bufferSize, useAsync));

        public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options) => Wrap(inner.New(path, mode, access, share, bufferSize, options));

        public FileSystemStream New(string path, FileStreamOptions options) => Wrap(inner.New(path, options));

        public FileSystemStream Wrap(FileStream fileStream) => inner.Wrap(fileStream);

        private FileSystemStream Wrap(FileSystemStream stream) => owner.FailWrite is { } failure ? new FailingStream(stream, failure) : stream;
    }

    private sealed class FailingStream(FileSystemStream inner, Exception failure) : FileSystemStream(inner, inner.Name, inner.IsAsync)
    {
        public override void Write(byte[] buffer, int offset, int count) => throw failure;

        public override void Write(ReadOnlySpan<byte> buffer) => throw failure;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

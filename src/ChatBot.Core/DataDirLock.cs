using System.Globalization;
using Microsoft.Extensions.Options;

namespace ChatBot.Core;

/// <summary>
/// The data dir's lock: one process (and in it one flow) at a time changes the corpus or builds
/// indexes. Across processes it is an exclusive lock on `{DataDir}/.lock` (flock on Unix, a share
/// lock on Windows), released by the OS when the holder dies, so kill -9 never leaves it stuck.
/// Re-entrant within one async flow: a corpus change that re-indexes takes it once.
/// </summary>
public sealed class DataDirLock(IOptions<ChatBotOptions> options, TimeProvider time) : IDisposable
{
    public const string FileName = ".lock";

    /// <summary>How often a waiter retries a lock held by another process (the OS gives no async wait).</summary>
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim _inProcess = new(1, 1);
    private readonly AsyncLocal<Lease?> _held = new();

    public string PathOnDisk => Path.Combine(Path.GetFullPath(options.Value.DataDir), FileName);

    private string OwnerPath => PathOnDisk + ".owner";

    /// <summary>How long to wait for another process before giving up with a clear message.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether the current flow holds the lock.</summary>
    public bool IsHeld => _held.Value is { IsActive: true };

    /// <summary>
    /// Runs <paramref name="work"/> holding the lock (waiting for it first). Calls made from inside the
    /// work that need the lock too (a change that re-indexes) run at once instead of waiting for themselves.
    /// </summary>
    public async Task<T> RunExclusiveAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (IsHeld) return await work().ConfigureAwait(false);
        await _inProcess.WaitAsync(cancellationToken).ConfigureAwait(false);
        Lease? lease = null;
        try
        {
            lease = new Lease(await OpenExclusiveAsync(cancellationToken).ConfigureAwait(false));
            // Set in this method's own execution context: it flows into work() and is gone when we return.
            _held.Value = lease;
            return await work().ConfigureAwait(false);
        }
        finally
        {
            lease?.Release();
            _inProcess.Release();
        }
    }

    public Task RunExclusiveAsync(Func<Task> work, CancellationToken cancellationToken = default) =>
        RunExclusiveAsync(async () => { await work().ConfigureAwait(false); return true; }, cancellationToken);

    private async Task<FileStream> OpenExclusiveAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOnDisk)!);
        var deadline = time.GetUtcNow() + Timeout;
        while (true)
        {
            try
            {
                var stream = new FileStream(PathOnDisk, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                // Who holds it, for the message a process shows when it gives up waiting (the locked file itself cannot be read).
                File.WriteAllText(OwnerPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                return stream;
            }
            catch (IOException) when (time.GetUtcNow() < deadline)
            {
                await Task.Delay(RetryInterval, time, ct).ConfigureAwait(false);
            }
            catch (IOException)
            {
                throw new TimeoutException($"Another chatbot process{Holder()} has been changing the corpus or building the index for over {Timeout.TotalMinutes:0} minutes; try again when it has finished.");
            }
        }
    }

    private string Holder()
    {
        try
        {
            return int.TryParse(File.ReadAllText(OwnerPath).Trim(), out var pid) ? $" (pid {pid})" : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose() => _inProcess.Dispose();

    /// <summary>The open lock file; a task started inside the work that outlives it sees the lease inactive and waits like anyone else.</summary>
    private sealed class Lease(FileStream file)
    {
        private int _released;

        public bool IsActive => Volatile.Read(ref _released) == 0;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) file.Dispose();
        }
    }
}

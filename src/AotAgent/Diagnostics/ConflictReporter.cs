using AotAgent.Reconciliation;
using Microsoft.Extensions.Logging;

namespace AotAgent.Diagnostics;

/// <summary>
/// Another writer fighting over the output, said as a spell rather than event by event: one line when it begins (what
/// changed, what the agent did, the cause found or that none was), one when the agent starts backing off, one when the
/// cause it finds changes, and a count when the changes have stopped for a minute. Every change is still counted in
/// <c>aotagent_output_conflicts_total</c>. (A writer changing its bytes on every write once made 467 warnings in 5 s,
/// each saying "restoring it" while the agent was backing off.)
/// </summary>
internal sealed class ConflictReporter(AgentMetrics metrics, TimeProvider time, ILogger logger)
{
    /// <summary>No change for this long and the spell is over (the conflict budget's window).</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);

    private Spell? _spell;

    public void Report(PassResult pass)
    {
        var check = pass.Ownership;
        var now = time.GetTimestamp();
        if (check.Change is { } change)
        {
            metrics.OutputConflicts.Inc();
            if (_spell is null)
            {
                _spell = new Spell(change.Output, change.LikelyCause, now);
                logger.OutputConflict(change.Output, change.Change, check.MayWrite ? "restored it" : "did not restore it (backing off)", change.LikelyCause);
            }
            else if (change.LikelyCause != _spell.Cause)
            {
                _spell.Cause = change.LikelyCause;
                logger.OutputConflict(change.Output, change.Change, check.MayWrite ? "restored it" : "did not restore it (backing off)", change.LikelyCause);
            }

            _spell.Changes++;
            _spell.Last = now;
        }

        if (_spell is null)
        {
            return;
        }

        _spell.Restores += check.Restores ? 1 : 0;
        _spell.LeftInPlace += check.Change is not null && !check.MayWrite ? 1 : 0;
        if (check.BackoffStarted)
        {
            logger.ConflictBackoff(_spell.Output, check.RestoresInWindow, _spell.Cause);
        }
        else if (check.Change is null && !check.Backoff && time.GetElapsedTime(_spell.Last, now) >= Quiet)
        {
            var lasted = time.GetElapsedTime(_spell.Started, _spell.Last);
            logger.ConflictsEnded(_spell.Output, _spell.Changes, Math.Round(lasted.TotalSeconds, 1), _spell.Restores, _spell.LeftInPlace);
            _spell = null;
        }
    }

    private sealed class Spell(string output, string cause, long started)
    {
        public string Output { get; } = output;

        public string Cause { get; set; } = cause;

        public long Started { get; } = started;

        public long Last { get; set; } = started;

        public int Changes { get; set; }

        public int Restores { get; set; }

        public int LeftInPlace { get; set; }
    }
}

namespace Portal.Monitor;

/// <summary>A stretch of the last 24 hours: checks succeeding (true), failing (false) or none made (null).</summary>
public sealed record Segment(DateTimeOffset From, DateTimeOffset Until, bool? Ok);

public static class TimelineSegments
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>
    /// Two and a half intervals, but at least 15 minutes: shorter pauses are invisible on a day's strip anyway, and
    /// checks kept under a longer interval (before the operator shortened it) are not a row of gaps.
    /// </summary>
    public static TimeSpan Gap(TimeSpan interval) => TimeSpan.FromTicks(Math.Max(interval.Ticks * 5 / 2, TimeSpan.FromMinutes(15).Ticks));

    /// <summary>
    /// The 24 hours before <paramref name="now"/> from the checks where the state flipped or a gap ended. A check
    /// stands for the interval after it; a longer pause than <see cref="Gap"/> is drawn as no data.
    /// </summary>
    public static IReadOnlyList<Segment> Build(IReadOnlyList<CheckPoint> changes, DateTimeOffset? lastCheck, DateTimeOffset now, TimeSpan interval)
    {
        var start = now - Window;
        var list = new List<Segment>();
        void Add(DateTimeOffset from, DateTimeOffset until, bool? ok)
        {
            if (from < start) from = start;
            if (until > now) until = now;
            if (until <= from) return;
            if (list.Count > 0 && list[^1].Ok == ok && list[^1].Until >= from) list[^1] = list[^1] with { Until = until };
            else list.Add(new Segment(from, until, ok));
        }

        var gap = Gap(interval);
        (DateTimeOffset From, bool Ok)? current = null;
        foreach (var c in changes.OrderBy(c => c.At))
        {
            if (current is { } cur)
            {
                if (c.PreviousAt is { } prev && c.At - prev > gap)
                {
                    Add(cur.From, prev + interval, cur.Ok);
                    Add(prev + interval, c.At, null);
                }
                else
                {
                    Add(cur.From, c.At, cur.Ok);
                }
            }
            else
            {
                Add(start, c.At, null);
            }
            current = (c.At, c.Ok);
        }
        if (current is { } last && lastCheck is { } lc)
        {
            Add(last.From, lc + interval, last.Ok);
            Add(lc + interval, now, null);
        }
        else if (current is null)
        {
            Add(start, now, null);
        }
        // A first check just after the window opened is no gap worth drawing.
        if (list.Count > 1 && list[0].Ok is null && list[0].Until - list[0].From <= gap) list.RemoveAt(0);
        return list;
    }
}

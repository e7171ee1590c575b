using Portal.Monitor;

namespace Portal.Tests.Monitor;

public sealed class TimelineTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-29T06:00:00Z");
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Steady_Checks_All_Day_Are_One_Green_Stretch()
    {
        var segments = TimelineSegments.Build([new CheckPoint(Now.AddHours(-24).AddSeconds(30), true, null)], Now.AddSeconds(-20), Now, Minute);
        var s = Assert.Single(segments);
        Assert.Equal((true, Now.AddHours(-24).AddSeconds(30), Now), (s.Ok, s.From, s.Until));
    }

    [Fact]
    public void Failures_And_Gaps_Become_Their_Own_Stretches()
    {
        var changes = new List<CheckPoint>
        {
            new(Now.AddHours(-10), true, null),
            new(Now.AddHours(-5), false, Now.AddHours(-5).AddMinutes(-1)),     // failing from here
            new(Now.AddHours(-4), true, Now.AddHours(-4).AddMinutes(-1)),      // back
            new(Now.AddHours(-2), true, Now.AddHours(-3)),                     // an hour without checks
        };
        var segments = TimelineSegments.Build(changes, Now.AddMinutes(-1), Now, Minute);
        Assert.Equal(
            [(null, Now.AddHours(-24)), (true, Now.AddHours(-10)), (false, Now.AddHours(-5)), (true, Now.AddHours(-4)), (null, Now.AddHours(-3).AddMinutes(1)), (true, Now.AddHours(-2))],
            segments.Select(s => (s.Ok, s.From)));
        Assert.Equal(Now, segments[^1].Until);
    }

    [Fact]
    public void Without_Any_Check_The_Day_Is_Grey()
    {
        var s = Assert.Single(TimelineSegments.Build([], null, Now, Minute));
        Assert.Null(s.Ok);
    }

    [Theory]
    [InlineData(100.0, "100%")]
    [InlineData(99.99999, "99.99%")]
    [InlineData(99.5, "99.50%")]
    [InlineData(97.25, "97.2%")]
    [InlineData(0.0, "0%")]
    [InlineData(null, "—")]
    public void Uptime_Is_Cut_Not_Rounded_So_One_Failure_Never_Reads_100(double? value, string shown) =>
        Assert.Equal(shown, MonitorText.Percent(value));
}

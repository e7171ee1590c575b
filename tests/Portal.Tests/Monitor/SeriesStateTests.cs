using Portal.Monitor;

namespace Portal.Tests.Monitor;

public sealed class SeriesStateTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-29T05:00:00Z");

    private static Observation Ok(string greeting = "220 smtp.example.jp ESMTP Postfix", string auth = "LOGIN PLAIN", string tls = "TLS 1.3",
        string cert = "CN=smtp.example.jp; CN=R11; 2027-02-01") =>
        new("ok", 40, null, greeting, auth, tls, cert, DateTimeOffset.Parse("2027-02-01T00:00:00Z"));

    private static readonly Observation Timeout = new("timeout", 5000, "no TCP connection (TimedOut)", null, null, null, null, null);

    private static (SeriesState State, List<MonitorEvent> Events) Run(params Observation[] checks)
    {
        var state = new SeriesState(1, "smtp.example.jp", 587);
        var events = new List<MonitorEvent>();
        for (var i = 0; i < checks.Length; i++)
        {
            var (next, e) = state.After(checks[i], T0.AddMinutes(i));
            state = next;
            events.AddRange(e);
        }
        return (state, events);
    }

    [Fact]
    public void A_Port_Never_Checked_Is_Unknown_And_The_First_Success_Is_Ok_Without_Events()
    {
        Assert.Equal("unknown", new SeriesState(1, "h", 25).State);
        Assert.Null(new SeriesState(1, "h", 25).Since);
        var (state, events) = Run(Ok());
        Assert.Equal("ok", state.State);
        Assert.Equal(T0, state.Since);
        Assert.Empty(events);   // the first sighting is the baseline, not a change
    }

    [Fact]
    public void One_Failure_Is_Not_Down_Two_In_A_Row_Are_Down_Since_The_First_And_A_Success_Ends_It()
    {
        var (afterOne, none) = Run(Ok(), Timeout);
        Assert.Equal("ok", afterOne.State);
        Assert.Equal(T0, afterOne.Since);
        Assert.Empty(none);

        var (down, events) = Run(Ok(), Timeout, Timeout);
        Assert.Equal("down", down.State);
        Assert.Equal(T0.AddMinutes(1), down.Since);
        var e = Assert.Single(events);
        Assert.Equal(("down", T0.AddMinutes(2)), (e.Kind, e.At));
        Assert.Equal("timeout: no TCP connection (TimedOut)", e.After);

        var (up, all) = Run(Ok(), Timeout, Timeout, Timeout, Ok());
        Assert.Equal("ok", up.State);
        Assert.Equal(T0.AddMinutes(4), up.Since);
        Assert.Equal(["down", "up"], all.Select(x => x.Kind));

        // A single failure between successes leaves "ok since" where it was.
        var (blip, _) = Run(Ok(), Timeout, Ok());
        Assert.Equal(T0, blip.Since);
    }

    [Fact]
    public void Changes_Of_Greeting_Auth_Tls_And_Certificate_Between_Successes_Are_Events_With_Before_And_After()
    {
        var (_, events) = Run(Ok(), Ok(greeting: "220 smtp.example.jp ESMTP Exim 4.98"), Ok(greeting: "220 smtp.example.jp ESMTP Exim 4.98", auth: "PLAIN"),
            Ok(greeting: "220 smtp.example.jp ESMTP Exim 4.98", auth: "PLAIN", tls: "TLS 1.2"),
            Ok(greeting: "220 smtp.example.jp ESMTP Exim 4.98", auth: "PLAIN", tls: "TLS 1.2", cert: "CN=smtp.example.jp; CN=R10; 2027-05-01"));
        Assert.Equal(["greeting", "auth", "tls", "certificate"], events.Select(e => e.Kind));
        Assert.Equal(("220 smtp.example.jp ESMTP Postfix", "220 smtp.example.jp ESMTP Exim 4.98"), (events[0].Before, events[0].After));
        Assert.Equal(("LOGIN PLAIN", "PLAIN"), (events[1].Before, events[1].After));
        Assert.Equal(("TLS 1.3", "TLS 1.2"), (events[2].Before, events[2].After));
        Assert.Equal(T0.AddMinutes(4), events[3].At);
    }

    [Fact]
    public void A_Failed_Check_Between_Two_Alike_Successes_Causes_No_Drift()
    {
        var (_, events) = Run(Ok(), Timeout, Ok());
        Assert.Empty(events);
    }

    [Fact]
    public void A_Greeting_That_Carries_The_Current_Time_Does_Not_Count_As_Changed()
    {
        var (_, events) = Run(
            Ok(greeting: "220 mx.example.jp Microsoft ESMTP MAIL Service ready at Sun, 29 Nov 2026 14:05:11 +0900"),
            Ok(greeting: "220 mx.example.jp Microsoft ESMTP MAIL Service ready at Sun, 29 Nov 2026 14:10:12 +0900"),
            Ok(greeting: "220 mx.example.jp Microsoft ESMTP MAIL Service ready at Mon, 30 Nov 2026 00:00:01 +0900"),
            Ok(greeting: "220 mx.example.jp ESMTP 2026-11-30T00:05:00 ready"));
        var e = Assert.Single(events);   // only the last, which changed its words
        Assert.Equal("greeting", e.Kind);
    }
}

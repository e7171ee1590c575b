using System.Net;
using Portal.Site;
using Portal.Tester;

namespace Portal.Tests.Tester;

/// <summary>
/// The one orchestrator of a tester run, refusal by refusal, in its safety order: parse → limit → vet (DNS) → capacity
/// → probe → keep. Nothing is looked up for a request refused before the vetting, nothing connected for any refusal.
/// </summary>
public sealed class TesterRunsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Archive : ITestArchive
    {
        public List<(TestReport Report, string? Ticket, string Client, Lang Lang)> Kept { get; } = [];

        public Task<ArchivedTest> KeepAsync(TestReport report, string? ticket, string client, Lang lang, CancellationToken cancellationToken)
        {
            Kept.Add((report, ticket, client, lang));
            return Task.FromResult(new ArchivedTest("ABCDEFGHJK", "https://support.example.jp/r/ABCDEFGHJK"));
        }
    }

    private static (TesterRuns Runs, FakeResolver Resolver, Archive Archive, ProbeCapacity Capacity) Build(int perMinute = 10, int probes = 32,
        Dictionary<string, IPAddress[]>? names = null)
    {
        var options = Probes.Options();
        options.TestsPerMinutePerClient = perMinute;
        options.MaxConcurrentProbes = probes;
        var resolver = new FakeResolver(names);
        var archive = new Archive();
        var capacity = new ProbeCapacity(options);
        return (new TesterRuns(options, new TesterRateLimiter(options), capacity, Probes.Tester(options, resolver), archive), resolver, archive, capacity);
    }

    private static TesterRequest Request(string? host, string? ports = "587", string? ticket = null, string client = "192.0.2.1") =>
        new(host, ports, ticket, client, Lang.Ja);

    [Fact]
    public async Task A_Damaged_Ticket_Is_Refused_First_And_Counts_Nothing()
    {
        var (runs, resolver, archive, _) = Build(perMinute: 1);

        var (run, refusal) = await runs.StartAsync(Request("smtp.example.jp", ticket: "<script>"), null, Ct);

        Assert.Null(run);
        Assert.Equal(("ticket-invalid", 400), (refusal!.Code, refusal.Status));
        Assert.Empty(resolver.Asked);
        // The damaged request did not use up the client's one test a minute.
        var (_, next) = await runs.StartAsync(Request("a..b"), null, Ct);
        Assert.Equal("host-invalid", next!.Code);
        var (_, limited) = await runs.StartAsync(Request("unknown.example.jp"), null, Ct);
        Assert.NotEqual("rate-limited", limited?.Code);
        Assert.Empty(archive.Kept);
    }

    [Theory]
    [InlineData(null, "host-missing")]
    [InlineData("a..b", "host-invalid")]
    public async Task A_Host_That_Cannot_Be_Parsed_Is_Refused_Before_The_Limit_And_Any_Lookup(string? host, string code)
    {
        var (runs, resolver, _, _) = Build();
        var (run, refusal) = await runs.StartAsync(Request(host), null, Ct);
        Assert.Null(run);
        Assert.Equal((code, 400), (refusal!.Code, refusal.Status));
        Assert.Empty(resolver.Asked);
    }

    [Fact]
    public async Task A_Port_Outside_The_Allowed_List_Is_Refused()
    {
        var (runs, _, _, _) = Build();
        var (_, refusal) = await runs.StartAsync(Request("smtp.example.jp", ports: "80"), null, Ct);
        Assert.Equal("port-not-allowed", refusal!.Code);
    }

    [Fact]
    public async Task Over_The_Limit_Is_429_With_The_Wait_And_Makes_No_Lookup()
    {
        var (runs, resolver, _, _) = Build(perMinute: 1);
        var accepted = 0;
        var first = await runs.StartAsync(Request("unknown.example.jp"), _ => accepted++, Ct);
        first.Run?.Dispose();
        resolver.Asked.Clear();

        var (run, refusal) = await runs.StartAsync(Request("unknown.example.jp"), _ => accepted++, Ct);

        Assert.Null(run);
        Assert.Equal(("rate-limited", 429), (refusal!.Code, refusal.Status));
        Assert.NotNull(refusal.RetryAfter);
        Assert.Contains("秒ほど待って", refusal.Message.Ja);
        Assert.Empty(resolver.Asked);
        Assert.Equal(1, accepted);
        // Another client has its own limit.
        Assert.Null((await runs.StartAsync(Request("a..b", client: "192.0.2.2"), null, Ct)).Run);
    }

    [Fact]
    public async Task A_Name_That_Resolves_To_A_Forbidden_Address_Is_Refused_After_The_Lookup()
    {
        var (runs, resolver, archive, _) = Build(names: new() { ["inside.example.jp"] = [IPAddress.Parse("10.1.2.3")] });

        var (run, refusal) = await runs.StartAsync(Request("inside.example.jp"), null, Ct);

        Assert.Null(run);
        Assert.Equal(("private-target", 400), (refusal!.Code, refusal.Status));
        Assert.Equal(["inside.example.jp"], resolver.Asked);
        Assert.Empty(archive.Kept);
    }

    [Fact]
    public async Task No_Probe_Capacity_Is_503_With_Retry_After()
    {
        var (runs, _, _, capacity) = Build(probes: 1, names: new() { ["relay.example.jp"] = [IPAddress.Loopback] });
        using var taken = capacity.TryTake(1);

        var (run, refusal) = await runs.StartAsync(Request("relay.example.jp"), null, Ct);

        Assert.Null(run);
        Assert.Equal(("busy", 503), (refusal!.Code, refusal.Status));
        Assert.Equal(TimeSpan.FromSeconds(5), refusal.RetryAfter);
    }

    [Fact]
    public async Task A_Started_Run_Probes_Keeps_Its_Result_And_Gives_Its_Capacity_Back()
    {
        // A closed port of 127.0.0.1: the probe runs to its end at once (refused), without any peer.
        var closed = LoopbackPeer.ClosedPort();
        var (runs, _, archive, capacity) = Build(probes: 1);

        var (run, refusal) = await runs.StartAsync(new TesterRequest("127.0.0.1", closed.ToString(), "T-1", "192.0.2.9", Lang.En), null, Ct);
        Assert.Null(refusal);
        Assert.Null(capacity.TryTake(1));
        var rows = new List<PortResult>();
        var (report, kept) = await run!.RunAsync(r => { lock (rows) rows.Add(r); }, Ct);

        var row = Assert.Single(report.Results);
        Assert.Equal(closed, row.Port);
        Assert.NotNull(row.Outcome);
        Assert.NotEmpty(rows);
        Assert.Equal("ABCDEFGHJK", kept.Id);
        var (keptReport, ticket, client, lang) = Assert.Single(archive.Kept);
        Assert.Equal(("T-1", "192.0.2.9", Lang.En), (ticket, client, lang));
        Assert.Same(report, keptReport);
        using var again = capacity.TryTake(1);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task A_Run_Disposed_Unrun_Gives_Its_Capacity_Back()
    {
        var (runs, _, _, capacity) = Build(probes: 1, names: new() { ["relay.example.jp"] = [IPAddress.Loopback] });
        var (run, _) = await runs.StartAsync(Request("relay.example.jp"), null, Ct);
        Assert.NotNull(run);
        run!.Dispose();
        using var again = capacity.TryTake(1);
        Assert.NotNull(again);
    }
}

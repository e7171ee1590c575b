namespace Portal.LineTest;

/// <summary>One configured port of a line test: waiting, arrived, or (once the test is finished) did not arrive.</summary>
public sealed record PortState(BoundListener Listener, Arrival? Arrival, string? ReverseDns, bool Missing)
{
    public string State => Arrival is not null ? "arrived" : Missing ? "missing" : "waiting";
}

/// <summary>Everything a page or the API shows about a line test.</summary>
public sealed record LineTestReport(LineTestRecord Test, IReadOnlyList<PortState> Ports, bool Finished, LineIdentity? Line, LineVerdict? Verdict)
{
    /// <summary>When the test counts as finished without "done": two minutes after the first arrival.</summary>
    public DateTimeOffset? FinishesAt { get; init; }
}

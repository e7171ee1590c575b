namespace Portal.Site;

/// <summary>A notice about our own service: a port that is down, or staff's maintenance note.</summary>
public sealed record ServiceNotice(string Kind, Text Message);

/// <summary>
/// Where the notices on the home, tester and line-test pages come from. Site defines it and shows the
/// notices (<c>ServiceNoticeBanner</c>); the monitor implements it, so those pages never know the monitor.
/// </summary>
public interface IServiceNotices
{
    IReadOnlyList<ServiceNotice> Current();
}

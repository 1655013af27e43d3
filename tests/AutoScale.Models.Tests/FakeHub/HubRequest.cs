namespace AutoScale.Models.Tests.FakeHub;

/// <summary>One request the fake hub or its CDN received, as it arrived.</summary>
internal sealed record HubRequest(string Server, string Method, string Host, string Path, string? Range, string? Authorization)
{
    public bool IsGet => Method == "GET";

    public bool ToCdn => Server == FakeHubServer.Cdn;
}

using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Hostile;

/// <summary>
/// Bursts of wrong admin keys at <c>POST /login</c> on a real gateway: the address that sends them slows down (401s,
/// then 429s with <c>Retry-After</c>, never a 5xx or internals), every other address signs in at once, the throttled
/// one signs in once its wait is over, and an <c>X-Forwarded-For</c> from an untrusted peer changes nothing.
/// </summary>
public sealed class LoginBurstTests(LoginBurstFixture fixture, ITestOutputHelper output) : IClassFixture<LoginBurstFixture>
{
    private const int Burst = 30;

    private Uri Server => fixture.Gateway.BaseAddress;

    [Fact]
    public async Task A_burst_of_wrong_keys_behind_the_trusted_proxy_slows_that_client_only_and_it_signs_in_after_its_wait()
    {
        using var proxy = LoopbackClient.From(IPAddress.Loopback, Server);

        var answers = await BurstAsync(proxy, _ => "203.0.113.7");
        AssertSlowedDown(answers);

        // The burst's wait (1 s from its last counted key) may be over before a loaded machine has answered all of it:
        // once it is, one more wrong key doubles the wait, and the right key sent straight after must meet it.
        await Testing.Eventually.TrueAsync(
            async () => (await SignInAsync(proxy, "one-more-wrong-key", "203.0.113.7")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(LoginBurstFixture.MaxDelaySeconds + 10), "the burst's wait to pass, so one more wrong key is counted");
        var attackerWithTheKey = await SignInAsync(proxy, fixture.Gateway.AdminKey, "203.0.113.7");
        var other = await SignInAsync(proxy, fixture.Gateway.AdminKey, "203.0.113.8");

        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Contains(other.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("autoscale_admin=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.TooManyRequests, attackerWithTheKey.StatusCode);
        var retryAfter = RetryAfter(attackerWithTheKey);
        Assert.InRange(retryAfter, 1, LoginBurstFixture.MaxDelaySeconds);

        var waited = Stopwatch.StartNew();
        await Testing.Eventually.TrueAsync(
            async () => (await SignInAsync(proxy, fixture.Gateway.AdminKey, "203.0.113.7")).StatusCode == HttpStatusCode.Redirect,
            TimeSpan.FromSeconds(retryAfter + 10), "the throttled client to sign in once its Retry-After has passed");
        output.WriteLine($"Signed in {waited.Elapsed.TotalSeconds:F2} s after a Retry-After of {retryAfter} s.");
        // Slack for a loaded machine's answers; the exact delays are held by LoginThrottlePolicyTests.
        Assert.True(waited.Elapsed <= TimeSpan.FromSeconds(retryAfter + 3), $"the sign-in took {waited.Elapsed} after Retry-After {retryAfter}");
    }

    [Fact]
    public async Task X_forwarded_for_from_an_untrusted_client_is_ignored_so_inventing_addresses_does_not_dodge_the_throttle()
    {
        using var untrusted = LoopbackClient.From(IPAddress.Parse("127.0.0.2"), Server);
        using var neighbour = LoopbackClient.From(IPAddress.Parse("127.0.0.3"), Server);

        var answers = await BurstAsync(untrusted, i => $"198.51.100.{i + 1}");
        var neighbourSignIn = await SignInAsync(neighbour, fixture.Gateway.AdminKey, forwardedFor: null);

        AssertSlowedDown(answers);
        Assert.Equal(HttpStatusCode.Redirect, neighbourSignIn.StatusCode);
    }

    [Fact]
    public async Task Behind_haproxy_each_client_counts_as_itself_whatever_forwarded_for_it_sends()
    {
        await using var haproxy = await LocalHaproxy.StartAsync(Server);
        using var attacker = LoopbackClient.From(IPAddress.Parse("127.0.0.5"), haproxy.BaseAddress);
        using var admin = LoopbackClient.From(IPAddress.Parse("127.0.0.6"), haproxy.BaseAddress);

        // HAProxy appends the real address after whatever the client claims; the gateway believes only HAProxy's entry.
        var answers = await BurstAsync(attacker, i => $"192.0.2.{i + 1}");
        var signIn = await SignInAsync(admin, fixture.Gateway.AdminKey, forwardedFor: null);

        AssertSlowedDown(answers);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task The_page_of_a_throttled_client_says_how_long_to_wait_in_the_same_seconds_as_retry_after()
    {
        using var client = LoopbackClient.From(IPAddress.Parse("127.0.0.4"), Server);

        // A refusal from within the burst itself: a try sent after it could already be past its 1 s wait.
        var refused = (await BurstAsync(client, _ => null)).FirstOrDefault(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused);
        var page = await refused.Content.ReadAsStringAsync();

        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var seconds = RetryAfter(refused);
        Assert.Contains($"wait {seconds} second", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/login\"", page, StringComparison.Ordinal);
    }

    private async Task<List<HttpResponseMessage>> BurstAsync(HttpClient client, Func<int, string?> forwardedFor)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, Burst).Select(i => SignInAsync(client, $"wrong-key-{i}", forwardedFor(i))));
        var statuses = answers.GroupBy(a => (int)a.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}");
        output.WriteLine($"{Burst} wrong keys at once: {string.Join(", ", statuses)}");
        return [.. answers];
    }

    private static void AssertSlowedDown(List<HttpResponseMessage> answers)
    {
        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"answered {(int)answer.StatusCode}");
            var page = answer.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.DoesNotContain("   at ", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
            if (answer.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.InRange(RetryAfter(answer), 1, LoginBurstFixture.MaxDelaySeconds);
            }
        }

        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests) >= Burst / 2,
            $"only {answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests)} of {Burst} were slowed down");
    }

    private static int RetryAfter(HttpResponseMessage answer) =>
        (int)(answer.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException($"{(int)answer.StatusCode} without Retry-After")).TotalSeconds;

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string key, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent([new("key", key), new("returnUrl", "/ops")]),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}

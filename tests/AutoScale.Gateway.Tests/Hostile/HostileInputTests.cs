using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Hostile;

/// <summary>
/// Hostile input against a real gateway: seeded fuzzing of every JSON route, header and path abuse, slow bodies,
/// cross-tenant probes and a scan of the processes' whole output for secrets. Replay a run with AUTOSCALE_FUZZ_SEED.
/// </summary>
public sealed class HostileInputTests(HostileFixture fixture, ITestOutputHelper output) : IClassFixture<HostileFixture>
{
    private const int JobCases = 150;
    private const int SpeechCases = 50;
    private const int AdminCases = 50;
    private static readonly TimeSpan SlowBodyBound = TimeSpan.FromSeconds(45);

    private GatewayInstance Gateway => fixture.Gateway;

    private string JobOfA => fixture.JobOfA.ToString();

    [Fact]
    public async Task Random_bodies_on_every_json_route_are_answered_without_server_errors_or_internals()
    {
        output.WriteLine($"Fuzz seed {fixture.Seed} (set AUTOSCALE_FUZZ_SEED to replay another).");
        var bodies = new HostileBodies(fixture.Seed);
        using var tenant = Gateway.Client(fixture.TenantA);
        using var admin = Gateway.Client(Gateway.AdminKey);
        string[] jobFields = ["text", "voice", "model", "format", "speed", "priority", "webhookUrl", "metadata"];
        string[] speechFields = ["model", "input", "voice", "response_format", "speed"];

        var jobs = await FuzzAsync(tenant, "/v1/jobs", jobFields, JobCases, ErrorShape.Problem, bodies,
            new Dictionary<string, string> { ["text"] = "\"Hello there.\"", ["speed"] = "1.25", ["format"] = "\"wav\"" });
        var speech = await FuzzAsync(tenant, "/v1/audio/speech", speechFields, SpeechCases, ErrorShape.OpenAi, bodies,
            new Dictionary<string, string> { ["input"] = "\"Hi.\"", ["model"] = "\"tts-1\"", ["voice"] = "\"alloy\"" });
        var tenants = await FuzzAsync(admin, "/admin/tenants", ["name"], AdminCases, ErrorShape.Problem, bodies);
        var bounds = await FuzzAsync(admin, "/admin/fleet/espeak/bounds", ["min", "max"], AdminCases, ErrorShape.Problem, bodies,
            new Dictionary<string, string> { ["min"] = "0", ["max"] = "1" });
        var image = await FuzzAsync(admin, "/admin/fleet/espeak/image", ["image"], AdminCases, ErrorShape.Problem, bodies);
        var quotaTenant = (await (await admin.PostJsonAsync("/admin/tenants", """{"name": "fuzzed quotas"}""")).JsonAsync()).GetProperty("tenantId").GetString();
        var quotas = await FuzzAsync(admin, $"/admin/tenants/{quotaTenant}/quotas",
            ["charactersPerDay", "charactersPerMonth", "concurrentJobs", "maxJobCharacters"], AdminCases, ErrorShape.Problem, bodies,
            new Dictionary<string, string> { ["charactersPerDay"] = "1000", ["concurrentJobs"] = "2" }, HttpMethod.Put);

        // The generator must reach both sides of validation, or the run proves little.
        Assert.True(jobs.GetValueOrDefault(HttpStatusCode.BadRequest) > 0, "No fuzzed job body was refused.");
        Assert.True(jobs.GetValueOrDefault(HttpStatusCode.Accepted) > 0, "No fuzzed job body was accepted.");
        Assert.True(speech.GetValueOrDefault(HttpStatusCode.BadRequest) > 0, "No fuzzed speech body was refused.");
        Assert.True(tenants.Count + bounds.Count + image.Count > 3, "The admin routes answered with a single status only.");
        Assert.True(quotas.GetValueOrDefault(HttpStatusCode.OK) > 0 && quotas.GetValueOrDefault(HttpStatusCode.BadRequest) > 0,
            $"Fuzzed quotas reached only one side of validation: {string.Join(", ", quotas)}");
    }

    [Fact]
    public async Task Markup_sql_and_script_looking_text_is_accepted_as_plain_text()
    {
        using var tenant = Gateway.Client(fixture.TenantA);
        var submitted = new List<string>();
        foreach (var text in HostileBodies.PlainTextLookalikes)
        {
            var json = JsonSerializer.Serialize(new { text });
            var response = await tenant.PostJsonAsync("/v1/jobs", json);
            await HostileAnswer.AssertWellBehavedAsync(response, ErrorShape.Problem, $"POST /v1/jobs {json}");
            var job = await response.AssertStatusAsync(HttpStatusCode.Accepted);
            Assert.Equal(text.Length, job.GetProperty("characters").GetInt32());
            submitted.Add(job.GetProperty("id").GetString()!);

            var speech = await tenant.PostJsonAsync("/v1/audio/speech", JsonSerializer.Serialize(new { model = "tts-1", voice = "alloy", input = text }));
            Assert.True(await HostileAnswer.AssertWellBehavedAsync(speech, ErrorShape.OpenAi, $"POST /v1/audio/speech {text}") == HttpStatusCode.OK,
                $"Speech of plain text was refused: {text}");
        }

        // Nothing was executed: the jobs are all there, readable, and the table still lists them.
        foreach (var id in submitted)
        {
            (await tenant.GetAsync($"/v1/jobs/{id}")).EnsureSuccessStatusCode();
        }

        var listed = await ListJobIdsAsync(tenant);
        Assert.Superset(submitted.ToHashSet(), listed.ToHashSet());
    }

    [Fact]
    public async Task Abused_headers_are_refused_cleanly()
    {
        var server = Gateway.BaseAddress;
        var target = $"/v1/jobs/{JobOfA}";

        // Huge and numerous headers: Kestrel refuses them before any route runs (431, no body).
        var huge = await RawHttp.SendAsync(server, RawHttp.Head("GET", target, server, $"Authorization: Bearer {fixture.TenantA}",
            $"X-Junk: {new string('j', 100_000)}"), null, SlowBodyBound);
        AssertRawWellBehaved(huge, ErrorShape.Problem, "100 KB header", kestrelMayRefuse: true);
        var many = await RawHttp.SendAsync(server, RawHttp.Head("GET", target, server,
            [$"Authorization: Bearer {fixture.TenantA}", .. Enumerable.Range(0, 500).Select(i => $"X-Many-{i}: {i}")]), null, SlowBodyBound);
        AssertRawWellBehaved(many, ErrorShape.Problem, "500 headers", kestrelMayRefuse: true);

        // Two Authorization headers, or a bearer and an X-Api-Key of different tenants, never read A's job as B.
        var twice = await RawHttp.SendAsync(server, RawHttp.Head("GET", target, server,
            $"Authorization: Bearer {fixture.TenantB}", $"Authorization: Bearer {fixture.TenantA}"), null, SlowBodyBound);
        AssertRawWellBehaved(twice, ErrorShape.Problem, "two Authorization headers", kestrelMayRefuse: true);
        Assert.True(twice.Status is 400 or 401 or 404, $"Two Authorization headers answered {twice.Head}");
        var mixed = await RawHttp.SendAsync(server, RawHttp.Head("GET", target, server,
            $"Authorization: Bearer {fixture.TenantB}", $"X-Api-Key: {fixture.TenantA}"), null, SlowBodyBound);
        AssertRawWellBehaved(mixed, ErrorShape.Problem, "bearer B with X-Api-Key A", kestrelMayRefuse: false);
        Assert.True(mixed.Status is 400 or 401 or 404, $"Bearer B with X-Api-Key A answered {mixed.Head}");

        // Both framings at once (a request-smuggling shape).
        var body = """{"text":"Hi."}"""u8.ToArray();
        var smuggle = await RawHttp.SendAsync(server, RawHttp.Head("POST", "/v1/jobs", server, $"Authorization: Bearer {fixture.TenantA}",
            "Content-Type: application/json", "Content-Length: 3", "Transfer-Encoding: chunked"),
            [.. Encoding.ASCII.GetBytes($"{body.Length:x}\r\n"), .. body, .. "\r\n0\r\n\r\n"u8.ToArray()], SlowBodyBound);
        AssertRawWellBehaved(smuggle, ErrorShape.Problem, "Content-Length with chunked", kestrelMayRefuse: true);

        using var tenant = Gateway.Client(fixture.TenantA);
        string[] contentTypes = ["text/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "*/*", "application/",
            "application/json\u0001", new string('x', 5000), "application/x-www-form-urlencoded"];
        foreach (var (path, shape) in new[] { ("/v1/jobs", ErrorShape.Problem), ("/v1/audio/speech", ErrorShape.OpenAi) })
        {
            foreach (var contentType in contentTypes)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent("""{"text":"Hi.","input":"Hi.","model":"tts-1","voice":"alloy"}"""u8.ToArray()) };
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                await HostileAnswer.AssertWellBehavedAsync(await tenant.SendAsync(request), shape, $"POST {path} Content-Type {contentType}");
            }
        }

        // Chunked bodies (no Content-Length): a valid one is taken, an oversized one is a 413, not a read of everything.
        Assert.Equal(HttpStatusCode.Accepted, await HostileAnswer.AssertWellBehavedAsync(
            await tenant.SendAsync(Chunked("/v1/jobs", """{"text":"Chunked hello."}""")), ErrorShape.Problem, "chunked job"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await HostileAnswer.AssertWellBehavedAsync(
            await tenant.SendAsync(Chunked("/v1/jobs", $$$"""{"text":"Hi.","metadata":{"pad":"{{{new string('p', 300_000)}}}"}}""")),
            ErrorShape.Problem, "chunked oversized job"));

        // Absurd Accept headers change nothing about the error's shape.
        string[] accepts = ["application/xml", "text/html;q=0", "*/*;q=nonsense", "image/png, audio/*;q=0.0001", new string('a', 6000) + "/b"];
        foreach (var accept in accepts)
        {
            var get = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{Guid.NewGuid()}");
            get.Headers.TryAddWithoutValidation("Accept", accept);
            await HostileAnswer.AssertWellBehavedAsync(await tenant.SendAsync(get), ErrorShape.Problem, $"GET unknown job, Accept {accept[..Math.Min(40, accept.Length)]}");
            var post = new HttpRequestMessage(HttpMethod.Post, "/v1/jobs") { Content = new StringContent("{", Encoding.UTF8, "application/json") };
            post.Headers.TryAddWithoutValidation("Accept", accept);
            await HostileAnswer.AssertWellBehavedAsync(await tenant.SendAsync(post), ErrorShape.Problem, $"POST malformed job, Accept {accept[..Math.Min(40, accept.Length)]}");
        }
    }

    [Fact]
    public async Task A_body_that_trickles_then_stops_is_cut_off_rather_than_waited_for_forever()
    {
        var server = Gateway.BaseAddress;
        string Head(string path, string framing) => RawHttp.Head("POST", path, server,
            $"Authorization: Bearer {fixture.TenantA}", "Content-Type: application/json", framing);

        async Task Trickle(NetworkStreamWriter write, CancellationToken token)
        {
            foreach (var piece in """{"text":"slo""".Select(c => (byte)c))
            {
                await write([piece], token);
                await Task.Delay(TimeSpan.FromMilliseconds(250), token);
            }
        }

        var cases = new (string Name, string Path, string Framing, ErrorShape Shape, bool Chunked, bool Send)[]
        {
            ("job, Content-Length, trickle", "/v1/jobs", "Content-Length: 4000", ErrorShape.Problem, false, true),
            ("job, Content-Length, nothing sent", "/v1/jobs", "Content-Length: 100", ErrorShape.Problem, false, false),
            ("job, chunked, trickle", "/v1/jobs", "Transfer-Encoding: chunked", ErrorShape.Problem, true, true),
            ("speech, Content-Length, trickle", "/v1/audio/speech", "Content-Length: 4000", ErrorShape.OpenAi, false, true),
            ("tenant, Content-Length, trickle", "/admin/tenants", "Content-Length: 4000", ErrorShape.Problem, false, true),
        };
        var answers = await Task.WhenAll(cases.Select(c =>
        {
            var head = c.Path == "/admin/tenants" ? Head(c.Path, c.Framing).Replace(fixture.TenantA, Gateway.AdminKey, StringComparison.Ordinal) : Head(c.Path, c.Framing);
            return RawHttp.SendStreamingAsync(server, head, async (stream, token) =>
            {
                if (!c.Send)
                {
                    return;
                }

                await Trickle(async (bytes, t) =>
                {
                    var framed = c.Chunked ? [.. Encoding.ASCII.GetBytes($"{bytes.Length:x}\r\n"), .. bytes, .. "\r\n"u8.ToArray()] : bytes;
                    await stream.WriteAsync(framed, t);
                }, token);
            }, SlowBodyBound);
        }));

        foreach (var (answer, c) in answers.Zip(cases))
        {
            output.WriteLine($"{c.Name}: {answer.Head.Split('\r')[0]}");
            Assert.True(answer.Status is null or (>= 400 and < 500), $"{c.Name} answered {answer.Head} {answer.Body}");
            AssertRawWellBehaved(answer, c.Shape, c.Name, kestrelMayRefuse: true);
        }
    }

    [Fact]
    public async Task Abused_paths_are_4xx_problems()
    {
        using var tenant = Gateway.Client(fixture.TenantA);
        using var admin = Gateway.Client(Gateway.AdminKey);
        string[] ids = ["not-a-guid", "%2F..%2F..%2Fadmin%2Ftenants", $"{JobOfA}%2Faudio", "..%252F..%252F", "%00", "%C0%AF", "%FF%FE",
            $"{{{JobOfA}}}", JobOfA.ToUpperInvariant().Replace("-", "", StringComparison.Ordinal), new string('9', 4000), "'%20OR%20'1'%3D'1",
            "%3Cscript%3E", "00000000-0000-0000-0000-000000000000", Guid.NewGuid().ToString()];
        var cases = 0;
        foreach (var id in ids)
        {
            foreach (var route in new[] { "", "/audio", "/events" })
            {
                using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var response = await tenant.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{id}{route}"),
                    HttpCompletionOption.ResponseHeadersRead, cancellation.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    // Only a spelling of A's own id may be found, and it is A who asks.
                    Assert.Contains(JobOfA.Replace("-", "", StringComparison.Ordinal), id.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
                    response.Dispose();
                    continue;
                }

                await HostileAnswer.AssertWellBehavedAsync(response, ErrorShape.Problem, $"GET /v1/jobs/{id[..Math.Min(60, id.Length)]}{route}",
                    kestrelMayRefuse: true);
                cases++;
            }

            if (!id.Contains(JobOfA, StringComparison.OrdinalIgnoreCase))
            {
                await HostileAnswer.AssertWellBehavedAsync(await tenant.DeleteAsync($"/v1/jobs/{id}"), ErrorShape.Problem,
                    $"DELETE /v1/jobs/{id[..Math.Min(60, id.Length)]}", kestrelMayRefuse: true);
                var pool = await admin.PostJsonAsync($"/admin/fleet/{id}/bounds", """{"min":0,"max":1}""");
                await HostileAnswer.AssertWellBehavedAsync(pool, ErrorShape.Problem, $"POST /admin/fleet/{id[..Math.Min(60, id.Length)]}/bounds",
                    kestrelMayRefuse: true);
                cases += 2;
            }
        }

        string[] queries = ["from=%00", "from=9999-99-99", "to=2026-01-01T25:00:00Z", "granularity=%27%20OR%201%3D1--", "granularity=" + new string('h', 5000),
            "from=-1", "from=1e99", "from=2026-01-01&to=9000-01-01", "from=0001-01-01&to=0001-01-02", "granularity=hour&from=2000-01-01", "from=&to=&granularity="];
        foreach (var query in queries)
        {
            var usage = await tenant.GetAsync($"/v1/usage?{query}");
            var status = await HostileAnswer.AssertWellBehavedAsync(usage, ErrorShape.Problem, $"GET /v1/usage?{query[..Math.Min(60, query.Length)]}", kestrelMayRefuse: true);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"GET /v1/usage?{query[..Math.Min(60, query.Length)]} answered {status}");
            cases++;
        }

        // Targets HttpClient would normalise or refuse: raw dot segments, bad escapes, a 20 KB id (Kestrel's 414).
        string[] rawTargets = ["/v1/jobs/../../admin/tenants", "/v1/jobs/%ZZ", "/v1/jobs/a%", "/v1/jobs/" + new string('x', 20_000), "/v1/jobs/a\tb"];
        foreach (var target in rawTargets)
        {
            var answer = await RawHttp.SendAsync(Gateway.BaseAddress, RawHttp.Head("GET", target, Gateway.BaseAddress,
                $"Authorization: Bearer {fixture.TenantA}"), null, SlowBodyBound);
            AssertRawWellBehaved(answer, ErrorShape.Problem, $"raw GET {target[..Math.Min(60, target.Length)]}", kestrelMayRefuse: true);
            Assert.True(answer.Status is >= 400 and < 500, $"raw GET {target[..Math.Min(60, target.Length)]} answered {answer.Head}");
            cases++;
        }

        output.WriteLine($"{cases} abused paths answered.");
    }

    [Fact]
    public async Task Another_tenant_gets_404_on_every_route_of_a_job_and_never_sees_it_listed()
    {
        using var b = Gateway.Client(fixture.TenantB);
        using var bByHeader = new HttpClient { BaseAddress = Gateway.BaseAddress };
        bByHeader.DefaultRequestHeaders.Add("X-Api-Key", fixture.TenantB);
        foreach (var client in new[] { b, bByHeader })
        {
            foreach (var request in new Func<HttpRequestMessage>[]
            {
                () => new(HttpMethod.Get, $"/v1/jobs/{JobOfA}"),
                () => new(HttpMethod.Get, $"/v1/jobs/{JobOfA}/audio"),
                () => new(HttpMethod.Get, $"/v1/jobs/{JobOfA}/audio") { Headers = { Range = new RangeHeaderValue(0, 10) } },
                () => new(HttpMethod.Get, $"/v1/jobs/{JobOfA}/events"),
                () => new(HttpMethod.Delete, $"/v1/jobs/{JobOfA}"),
            })
            {
                var message = request();
                var name = $"{message.Method} {message.RequestUri}";
                using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellation.Token);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"Tenant B's {name} answered {(int)response.StatusCode}, not 404.");
                await HostileAnswer.AssertWellBehavedAsync(response, ErrorShape.Problem, $"tenant B {name}");
            }
        }

        // B's attempt to cancel changed nothing, and no listing of B shows A's job.
        using var a = Gateway.Client(fixture.TenantA);
        var job = await (await a.GetAsync($"/v1/jobs/{JobOfA}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.NotEqual("cancelled", job.GetProperty("status").GetString());
        foreach (var status in new string?[] { null, "queued", "running", "succeeded", "failed", "cancelled" })
        {
            Assert.DoesNotContain(JobOfA, await ListJobIdsAsync(b, status));
        }

        Assert.Contains(JobOfA, await ListJobIdsAsync(a));
    }

    [Fact]
    public async Task No_key_ever_appears_in_what_the_gateway_or_worker_printed()
    {
        var wrongTenant = OneCharOff(fixture.TenantA);
        var wrongAdmin = OneCharOff(Gateway.AdminKey);
        string[] keys = [fixture.TenantA, fixture.TenantB, Gateway.AdminKey, HostileFixture.RunPodKey, wrongTenant, wrongAdmin];
        foreach (var key in keys)
        {
            foreach (var useBearer in new[] { true, false })
            {
                using var client = new HttpClient { BaseAddress = Gateway.BaseAddress };
                if (useBearer)
                {
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }
                else
                {
                    client.DefaultRequestHeaders.Add("X-Api-Key", key);
                }

                await HostileAnswer.AssertWellBehavedAsync(await client.PostJsonAsync("/v1/jobs", """{"text":"Key test."}"""), ErrorShape.Problem, "submit");
                await HostileAnswer.AssertWellBehavedAsync(await client.PostJsonAsync("/v1/jobs", """{"text":"""), ErrorShape.Problem, "malformed submit");
                await HostileAnswer.AssertWellBehavedAsync(await client.GetAsync($"/v1/jobs/{JobOfA}"), ErrorShape.Problem, "get");
                await HostileAnswer.AssertWellBehavedAsync(await client.GetAsync("/admin/fleet"), ErrorShape.Problem, "admin fleet");
                await HostileAnswer.AssertWellBehavedAsync(
                    await client.PostJsonAsync("/admin/tenants", """{"name":"secret scan"}"""), ErrorShape.Problem, "create tenant");
                await HostileAnswer.AssertWellBehavedAsync(
                    await client.PostJsonAsync("/v1/audio/speech", """{"model":"tts-1","voice":"alloy","input":"Key."}"""), ErrorShape.OpenAi, "speech");
                using var login = new HttpClient { BaseAddress = Gateway.BaseAddress };
                var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key, ["returnUrl"] = "/ops" });
                Assert.True((int)(await login.PostAsync("/login", form)).StatusCode < 500, "The login form answered a 5xx.");
            }
        }

        // A request whose path is a marker: once the marker is printed, everything before it has been printed too.
        var marker = $"hostile-marker-{Guid.NewGuid():N}";
        using var anonymous = new HttpClient { BaseAddress = Gateway.BaseAddress };
        await anonymous.GetAsync($"/{marker}");
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Gateway.Process.Transcript.Any(line => line.Contains(marker, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), "the gateway to log the marker request");

        var lines = fixture.Gateway.Process.Transcript.Select(line => ("gateway", line))
            .Concat(fixture.Worker.Transcript.Select(line => ("worker", line))).ToList();
        output.WriteLine($"Scanned {lines.Count} lines for {keys.Length} keys.");
        foreach (var key in keys)
        {
            var tail = key[^Math.Min(16, key.Length)..];
            var leak = lines.FirstOrDefault(l => l.line.Contains(key, StringComparison.Ordinal) || l.line.Contains(tail, StringComparison.Ordinal));
            Assert.True(leak == default, $"The {leak.Item1} printed a key: {leak.line}");
        }
    }

    private async Task<Dictionary<HttpStatusCode, int>> FuzzAsync(
        HttpClient client, string path, IReadOnlyList<string> fields, int count, ErrorShape shape, HostileBodies bodies,
        IReadOnlyDictionary<string, string>? valid = null, HttpMethod? method = null)
    {
        method ??= HttpMethod.Post;
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < count; i++)
        {
            var body = bodies.Body(fields, valid);
            var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var described = $"{method} {path} case {i} (seed {fixture.Seed}) body {HostileAnswer.Shorten(Encoding.UTF8.GetString(body))}";
            var status = await HostileAnswer.AssertWellBehavedAsync(await client.SendAsync(request), shape, described);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        output.WriteLine($"{path}: {count} cases, {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}×{s.Value}"))}");
        return statuses;
    }

    private static async Task<List<string>> ListJobIdsAsync(HttpClient client, string? status = null)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var query = $"/v1/jobs?limit=100{(status is null ? "" : $"&status={status}")}{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}";
            var page = await (await client.GetAsync(query)).AssertStatusAsync(HttpStatusCode.OK);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(job => job.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return ids;
    }

    private static HttpRequestMessage Chunked(string path, string json)
    {
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    /// <summary>Kestrel refuses some requests before any route runs (431, 414, 400, 408) with an empty body; that is allowed.</summary>
    private static void AssertRawWellBehaved(RawHttp.Answer answer, ErrorShape shape, string name, bool kestrelMayRefuse)
    {
        var context = $"{name} -> {answer.Head.Split('\r')[0]} {HostileAnswer.Shorten(answer.Body)}";
        Assert.False(answer.Status is >= 500, $"A 5xx answer: {context}");
        foreach (var internals in new[] { "   at ", "Exception", "System." })
        {
            Assert.False(answer.Body.Contains(internals, StringComparison.Ordinal), $"The body shows internals: {context}");
        }

        if (answer.Status is >= 400 and < 500 && !(kestrelMayRefuse && answer.Body.Length == 0 && answer.Status is 400 or 408 or 414 or 431))
        {
            var mediaType = answer.Head.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?
                .Split(':', 2)[1].Split(';')[0].Trim();
            HostileAnswer.AssertErrorBody(shape, mediaType, answer.Body, context);
        }
    }

    private static string OneCharOff(string key) => key[..^1] + (key[^1] == 'a' ? 'b' : 'a');

    private delegate Task NetworkStreamWriter(byte[] bytes, CancellationToken token);

    /// <summary>A stream of unknown length, so that HttpClient sends it chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

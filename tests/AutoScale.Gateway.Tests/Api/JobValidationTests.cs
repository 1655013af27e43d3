using System.Net;
using System.Text;
using AutoScale.Gateway.Tests.Infrastructure;

namespace AutoScale.Gateway.Tests.Api;

/// <summary>Every validation rule of http-api.md answers 400 problem+json naming the field.</summary>
[Collection(GatewayCollection.Name)]
public sealed class JobValidationTests(GatewayFixture fixture)
{
    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"voice":"en-us"}""", "text" },
        { """{"text":""}""", "text" },
        { """{"text":"   \n\t "}""", "text" },
        { $$"""{"text":"{{new string('a', 5001)}}"}""", "text" },
        { """{"text":"Hi.","voice":"nobody"}""", "voice" },
        { """{"text":"Hi.","model":"gpt-9"}""", "model" },
        { """{"text":"Hi.","speed":0.1}""", "speed" },
        { """{"text":"Hi.","speed":4.5}""", "speed" },
        { """{"text":"Hi.","format":"mp9"}""", "format" },
        { """{"text":"Hi.","priority":"urgent"}""", "priority" },
        { """{"text":"Hi.","webhookUrl":"/relative/hook"}""", "webhookUrl" },
        { """{"text":"Hi.","webhookUrl":"ftp://example.com/hook"}""", "webhookUrl" },
        { """{"text":"Hi.","metadata":[1,2]}""", "metadata" },
        { """{"text":5}""", "text" },
        { """{"text":"Hi.","speed":"fast"}""", "speed" },
        { """{"text":"\ud800 lone surrogate"}""", "text" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_field_is_a_400_naming_it(string body, string field)
    {
        using var client = fixture.Gateway.Client(fixture.TenantA);

        var problem = await (await client.PostJsonAsync("/v1/jobs", body)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("{\"text\": \"unterminated")]
    [InlineData("{\"text\": \"a\",}")]
    [InlineData("not json at all")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Malformed_json_is_a_400(string body)
    {
        using var client = fixture.Gateway.Client(fixture.TenantA);

        var problem = await (await client.PostJsonAsync("/v1/jobs", body)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.EndsWith("malformed-json", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_wrong_content_type_is_a_400_naming_the_header(string contentType)
    {
        using var client = fixture.Gateway.Client(fixture.TenantA);

        var response = await client.PostAsync("/v1/jobs", new StringContent("""{"text":"Hi."}""", Encoding.UTF8, contentType));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Content-Type", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_413()
    {
        using var client = fixture.Gateway.Client(fixture.TenantA);
        // Jobs:MaxCharacters is 5,000 here, so the body limit is 4 × 5,000 + 64 KiB.
        var body = $$$"""{"text":"Hi.","metadata":{"padding":"{{{new string('x', 100_000)}}}"}}""";

        await (await client.PostJsonAsync("/v1/jobs", body)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_streamed_without_a_length_over_the_limit_is_413()
    {
        using var client = fixture.Gateway.Client(fixture.TenantA);
        var bytes = Encoding.UTF8.GetBytes($$"""{"text":"{{new string('y', 200_000)}}"}""");
        var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/jobs") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Metadata_over_its_limit_is_a_400()
    {
        using var client = fixture.Gateway.Client(fixture.TenantA);
        var body = $$$"""{"text":"Hi.","metadata":{"padding":"{{{new string('x', 5_000)}}}"}}""";

        var problem = await (await client.PostJsonAsync("/v1/jobs", body)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("metadata", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_invalid_idempotency_key_is_a_400_naming_the_header()
    {
        using var client = fixture.Gateway.Client(fixture.TenantA);

        var problem = await (await client.PostJsonAsync("/v1/jobs", """{"text":"Hi."}""", new string('k', 300)))
            .AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("Idempotency-Key", problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("/v1/jobs?status=done", "status")]
    [InlineData("/v1/jobs?limit=0", "limit")]
    [InlineData("/v1/jobs?limit=101", "limit")]
    [InlineData("/v1/jobs?limit=ten", "limit")]
    [InlineData("/v1/jobs?cursor=garbage!", "cursor")]
    public async Task Bad_list_parameters_are_400_naming_them(string path, string field)
    {
        using var client = fixture.Gateway.Client(fixture.TenantA);

        var problem = await (await client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("/v1/jobs/not-a-guid")]
    [InlineData("/v1/jobs/00000000-0000-0000-0000-000000000001")]
    [InlineData("/v1/nothing-here")]
    public async Task Unknown_paths_and_jobs_are_404_problems(string path)
    {
        using var client = fixture.Gateway.Client(fixture.TenantA);

        await (await client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

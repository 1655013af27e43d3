using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace AutoScale.Fleet.Tests.RunPod;

/// <summary>The fake answers as the spec says RunPod does; the provider's tests are only as good as that.</summary>
public sealed class FakeRunPodServerTests
{
    private const string Valid = """{"name":"autoscale-espeak-1","image":"i:1","gpu":{"id":"NVIDIA L4","count":1},"ports":["70000/tcp","8888/http"]}""";

    [Theory]
    [InlineData(Valid, 201)]
    [InlineData("""{"name":"n","templateId":"t1","gpu":{"id":"NVIDIA L4"}}""", 201)]
    [InlineData("""{"image":"i:1","gpu":{"id":"NVIDIA L4"}}""", 422)]
    [InlineData("""{"name":"","image":"i:1","gpu":{"id":"NVIDIA L4"}}""", 422)]
    [InlineData("""{"name":"n","gpu":{"id":"NVIDIA L4"}}""", 422)]
    [InlineData("""{"name":"n","image":"i:1","gpu":{"id":"NVIDIA L4","count":0}}""", 422)]
    [InlineData("""{"name":"n","image":"i:1","gpu":{"id":"NVIDIA L4","minCudaVersion":"12"}}""", 422)]
    [InlineData("""{"name":"n","image":"i:1","gpu":{"id":"NVIDIA L4"},"ports":["70000"]}""", 422)]
    [InlineData("""{"name":"n","image":"i:1","gpu":{"id":"NVIDIA L4"},"ports":["22/udp"]}""", 422)]
    [InlineData("""{"name":"n","image":"i:1","gpu":{"id":"NVIDIA L4"},"bogus":1}""", 422)]
    [InlineData("""{"name":"n","image":"i:1","gpu":{"id":"NVIDIA L4"},"mounts":null}""", 422)]
    [InlineData("""{"name":"n","image":"i:1","gpu":{"id":"NVIDIA L4"},"registry":null}""", 201)]
    [InlineData("""{"name":"n","image":"i:1","gpu":{"id":"NVIDIA L4"},"cloud":"ALL"}""", 422)]
    [InlineData("""{"name":"n","image":"i:1","gpu":{"id":"NVIDIA L4"},"mounts":{"network":[{"volumeId":"v","path":"/m"},{"volumeId":"w","path":"/n"}]}}""", 422)]
    [InlineData("""{"name":"n","image":"i:1"}""", 400)]
    [InlineData("""{"name":"n","image":"i:1","gpu":{"id":"NVIDIA L4"},"cpu":{"id":"cpu5c","vcpuCount":4}}""", 400)]
    [InlineData("""{"name":"n","image":"i:1","gpu":{"id":"NVIDIA L4","allowedCudaVersions":["12.8"],"minCudaVersion":"12.4"}}""", 400)]
    [InlineData("""{"name":"n","image":"i:1","gpu":{"id":"NVIDIA L4","allowedCudaVersions":[],"minCudaVersion":"12.4"}}""", 201)]
    [InlineData("""{"name":"n","image":"i:1","gpu":{"id":"NVIDIA L4"},"mounts":{"persistent":{"size":20,"path":"/w"},"network":[{"volumeId":"v","path":"/m"}]}}""", 400)]
    public async Task A_create_body_is_answered_as_the_spec_rules(string body, int expected)
    {
        await using var server = await FakeRunPodServer.StartAsync();
        using var client = Client(server, FakeRunPodServer.ApiKey);

        using var response = await client.PostAsync("/v2/pods", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected != 201)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal(expected, (int?)problem!["status"]);
            Assert.False(string.IsNullOrEmpty((string?)problem["detail"]));
        }
    }

    [Fact]
    public async Task Requests_without_the_right_bearer_token_get_a_401_problem()
    {
        await using var server = await FakeRunPodServer.StartAsync();
        using var anonymous = Client(server, null);
        using var wrong = Client(server, "rpa_other");

        using var missing = await anonymous.GetAsync("/v2/pods");
        using var invalid = await wrong.GetAsync("/v2/pods");

        Assert.Equal(401, (int)missing.StatusCode);
        Assert.Equal(401, (int)invalid.StatusCode);
        Assert.Equal("missing bearer token", (string?)(await missing.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
    }

    [Fact]
    public async Task A_created_pod_is_listed_wrapped_fetched_and_deleted_once()
    {
        await using var server = await FakeRunPodServer.StartAsync();
        using var client = Client(server, FakeRunPodServer.ApiKey);

        using var created = await client.PostAsync("/v2/pods", new StringContent(Valid, Encoding.UTF8, "application/json"));
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var list = await client.GetFromJsonAsync<JsonObject>("/v2/pods");
        using var fetched = await client.GetAsync($"/v2/pods/{id}");
        using var deleted = await client.DeleteAsync($"/v2/pods/{id}");
        using var again = await client.DeleteAsync($"/v2/pods/{id}");

        Assert.Equal(id, (string?)Assert.Single(list!["pods"]!.AsArray())!["id"]);
        Assert.Equal("PROVISIONING", (string?)Assert.Single(list["pods"]!.AsArray())!["status"]);
        Assert.Equal(200, (int)fetched.StatusCode);
        Assert.Equal(204, (int)deleted.StatusCode);
        Assert.Equal(404, (int)again.StatusCode);
        Assert.True(created.Headers.Contains("RateLimit"));
    }

    private static HttpClient Client(FakeRunPodServer server, string? key)
    {
        var client = new HttpClient { BaseAddress = server.BaseUrl };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }
}

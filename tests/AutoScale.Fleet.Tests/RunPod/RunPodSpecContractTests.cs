using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json;
using AutoScale.Fleet.RunPod.Api;
using AutoScale.Fleet.RunPod;
using AutoScale.Testing;

namespace AutoScale.Fleet.Tests.RunPod;

/// <summary>
/// The client's wire types and the fake server against RunPod's own v2 OpenAPI document (shared/data), so that a
/// misspelt property fails here rather than as a 422 in production, and the fake cannot drift from the spec.
/// </summary>
public sealed class RunPodSpecContractTests
{
    private const string SpecFile = "runpod-openapi-v2.json";

    private static OpenApiSpec Spec => OpenApiSpec.Load(SharedData.PathOf(SpecFile));

    [SharedDataFact(SpecFile)]
    public void Every_property_a_create_body_can_carry_is_one_the_spec_declares()
    {
        var spec = Spec;
        var options = new RunPodOptions
        {
            GpuTypeIds = ["NVIDIA GeForce RTX 4090"],
            DataCenterIds = ["EU-RO-1"],
            MinCudaVersion = "12.4",
            NetworkVolumeId = "vol_models01",
            RegistryAuthId = "reg_1",
            ImageName = "ghcr.io/example/worker:1",
        };
        var body = WorkerPodSpec.Compose(options, RunPodHarness.Request(), PlacementCandidate.InPreferenceOrder(options)[0]);

        var json = JsonSerializer.SerializeToNode(body, RunPodJson.Options)!;

        AssertDeclared(spec, json, spec.Schema("CreatePodRequest"), "$");
        Assert.Empty(spec.Required(spec.Schema("CreatePodRequest")).Except(json.AsObject().Select(property => property.Key)));
        // This body carries every optional field the client can send, so the walk above covered them all.
        var carried = new HashSet<string>(json.AsObject().Select(property => property.Key));
        Assert.Superset(new HashSet<string> { "name", "image", "gpu", "cloud", "dataCenterIds", "disk", "env", "ports", "globalNetworking", "mounts", "registry" }, carried);
        Assert.Equal("12.4", (string?)json["gpu"]!["minCudaVersion"]);
    }

    [SharedDataFact(SpecFile)]
    public void Every_property_the_client_reads_from_a_pod_list_or_problem_is_one_the_spec_declares()
    {
        var spec = Spec;

        AssertReadable(spec, typeof(ListPodsResponse), spec.Schema("ListPodsResponse"), "ListPodsResponse");
        AssertReadable(spec, typeof(Pod), spec.Schema("Pod"), "Pod");
        AssertReadable(spec, typeof(RunPodProblem), spec.Schema("ErrorResponse"), "ErrorResponse");
    }

    [SharedDataFact(SpecFile)]
    public void The_specs_own_example_pods_read_into_the_client_models()
    {
        var pods = Spec.Root["paths"]!["/v2/pods"]!;
        var listed = pods["get"]!["responses"]!["200"]!["content"]!["application/json"]!["examples"]!["pods"]!["value"]!;
        var created = pods["post"]!["responses"]!["201"]!["content"]!["application/json"]!["examples"]!["pod"]!["value"]!;

        var list = listed.Deserialize<ListPodsResponse>(RunPodJson.Options)!;
        var pod = created.Deserialize<Pod>(RunPodJson.Options)!;

        var running = Assert.Single(list.Pods);
        Assert.Equal("7h9k2m4n6p", running.Id);
        Assert.Equal(PodStatus.Running, running.Status);
        Assert.Equal(0.44m, running.Cost);
        Assert.Equal("NVIDIA GeForce RTX 4090", running.Gpu!.Id);
        Assert.Equal(34446, Assert.Single(running.Runtime!.Ports!).Public);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), running.CreatedAt);
        Assert.Equal(PodStatus.Provisioning, pod.Status);
        Assert.Null(pod.StartedAt);
        Assert.Equal("llama-3", pod.Env!["MODEL_NAME"]);
    }

    [SharedDataFact(SpecFile)]
    public void The_fake_server_knows_exactly_the_create_properties_of_the_spec()
    {
        var spec = Spec;

        Assert.Equal(
            spec.Properties(spec.Schema("CreatePodRequest")).Keys.Order(StringComparer.Ordinal),
            FakeCreatePodRules.Properties.Order(StringComparer.Ordinal));
        Assert.Equal(
            spec.Properties(spec.Schema("CreateGpuConfig")).Keys.Order(StringComparer.Ordinal),
            FakeCreatePodRules.GpuProperties.Order(StringComparer.Ordinal));
    }

    [SharedDataFact(SpecFile)]
    public void The_fake_servers_pods_carry_every_property_the_spec_requires_and_no_other()
    {
        var spec = Spec;
        var body = new JsonObject { ["name"] = "autoscale-x-1", ["image"] = "i", ["gpu"] = new JsonObject { ["id"] = "NVIDIA L4" } };
        var pod = FakePods.FromCreate("abc", body, DateTimeOffset.UtcNow);

        Assert.Empty(spec.Required(spec.Schema("Pod")).Except(pod.Select(property => property.Key)));
        AssertDeclared(spec, pod, spec.Schema("Pod"), "$");
    }

    private static void AssertDeclared(OpenApiSpec spec, JsonNode? value, JsonNode schema, string path)
    {
        switch (value)
        {
            case JsonObject json when !spec.IsMap(schema):
                var declared = spec.Properties(schema);
                foreach (var (name, child) in json)
                {
                    Assert.True(declared.TryGetValue(name, out var childSchema), $"{path}.{name} is not in the spec (it declares {string.Join(", ", declared.Keys)}).");
                    AssertDeclared(spec, child, childSchema!, $"{path}.{name}");
                }

                break;
            case JsonArray items when spec.Items(schema) is { } itemSchema:
                foreach (var item in items)
                {
                    AssertDeclared(spec, item, itemSchema, $"{path}[]");
                }

                break;
        }
    }

    private static void AssertReadable(OpenApiSpec spec, Type model, JsonNode schema, string path)
    {
        var declared = spec.Properties(schema);
        foreach (var property in model.GetProperties())
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            Assert.True(name is not null, $"{model.Name}.{property.Name} has no [JsonPropertyName].");
            Assert.True(declared.TryGetValue(name, out var propertySchema), $"{path}.{name} is not in the spec (it declares {string.Join(", ", declared.Keys)}).");

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsWireModel(type))
            {
                AssertReadable(spec, type, propertySchema!, $"{path}.{name}");
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && IsWireModel(type.GetGenericArguments()[0]))
            {
                AssertReadable(spec, type.GetGenericArguments()[0], spec.Items(propertySchema!)!, $"{path}.{name}[]");
            }
        }
    }

    private static bool IsWireModel(Type type) => type.Namespace == typeof(Pod).Namespace && type.IsClass && type != typeof(string);
}

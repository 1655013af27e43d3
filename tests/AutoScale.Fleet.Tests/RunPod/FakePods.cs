using System.Text.Json.Nodes;

namespace AutoScale.Fleet.Tests.RunPod;

/// <summary>Full Pod objects as the v2 spec describes them: every required field present, nulls where the spec has them.</summary>
internal static class FakePods
{
    private static readonly Dictionary<string, double> PricePerHour = new(StringComparer.Ordinal)
    {
        ["NVIDIA GeForce RTX 4090"] = 0.69,
        ["NVIDIA RTX A5000"] = 0.27,
        ["NVIDIA L4"] = 0.43,
    };

    public static string NewId() => Guid.NewGuid().ToString("N")[..14];

    public static double PriceOf(string gpuTypeId) => PricePerHour.GetValueOrDefault(gpuTypeId, 0.50);

    /// <summary>The pod a valid create body makes: <c>PROVISIONING</c>, placed on the first data center it named.</summary>
    public static JsonObject FromCreate(string id, JsonObject body, DateTimeOffset now)
    {
        var gpu = body["gpu"]!.AsObject();
        var gpuTypeId = gpu["id"]!.GetValue<string>();
        var globalNetworking = body["globalNetworking"]?.GetValue<bool>() ?? false;
        return Pod(
            id,
            name: body["name"]!.GetValue<string>(),
            image: body["image"]?.GetValue<string>() ?? "runpod/base:template",
            status: "PROVISIONING",
            env: body["env"]?.DeepClone().AsObject() ?? [],
            ports: body["ports"]?.DeepClone().AsArray() ?? [],
            gpuTypeId,
            gpuCount: gpu["count"]?.GetValue<int>() ?? 1,
            cloud: body["cloud"]?.GetValue<string>() ?? "SECURE",
            dataCenterId: body["dataCenterIds"]?.AsArray().FirstOrDefault()?.GetValue<string>() ?? "US-TX-3",
            disk: body["disk"]?.GetValue<int>() ?? 50,
            mounts: body["mounts"]?.DeepClone().AsObject() ?? [],
            globalNetworking,
            createdAt: now);
    }

    public static JsonObject Pod(
        string id, string name, string image, string status, JsonObject env, JsonArray ports, string gpuTypeId, int gpuCount,
        string cloud, string dataCenterId, int disk, JsonObject mounts, bool globalNetworking, DateTimeOffset createdAt)
    {
        var running = status == "RUNNING";
        var ended = status is "EXITED" or "TERMINATED";
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["image"] = image,
            ["args"] = "",
            ["disk"] = disk,
            ["ports"] = ports,
            ["env"] = env,
            ["registry"] = null,
            ["status"] = status,
            ["actions"] = Actions(status),
            ["mounts"] = mounts,
            ["gpu"] = new JsonObject { ["id"] = gpuTypeId, ["count"] = gpuCount },
            ["cloud"] = cloud,
            ["dataCenterId"] = dataCenterId,
            ["cudaVersion"] = "12.8",
            ["ssh"] = new JsonObject
            {
                ["proxy"] = new JsonObject
                {
                    ["host"] = "ssh.runpod.io",
                    ["port"] = 22,
                    ["username"] = $"{id}-64411eb2",
                    ["command"] = $"ssh {id}-64411eb2@ssh.runpod.io",
                },
                ["direct"] = null,
            },
            ["template"] = null,
            ["cost"] = ended ? 0.0 : PriceOf(gpuTypeId) * gpuCount,
            ["locked"] = false,
            ["globalNetworking"] = globalNetworking
                ? new JsonObject { ["enabled"] = true, ["ip"] = "10.65.1.42", ["internalDns"] = $"{id}.runpod.internal" }
                : new JsonObject { ["enabled"] = false },
            ["runtime"] = running
                ? new JsonObject
                {
                    ["uptime"] = 3600,
                    ["ports"] = new JsonArray(new JsonObject { ["private"] = 70001, ["public"] = 70001, ["type"] = "tcp", ["ip"] = "195.26.233.3" }),
                }
                : null,
            ["createdAt"] = createdAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["startedAt"] = running ? createdAt.AddMinutes(2).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ") : null,
        };
    }

    private static JsonArray Actions(string status) => status switch
    {
        "RUNNING" => ["stop", "restart", "terminate"],
        "EXITED" or "ERROR" => ["start", "terminate"],
        "TERMINATED" => [],
        _ => ["stop", "terminate"],
    };
}

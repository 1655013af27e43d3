using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AutoScale.Fleet.Tests.RunPod;

/// <summary>
/// The create rules of the v2 spec (CreatePodRequest = ContainerConfig + placement), with the spec's split: a body
/// that breaks the schema is 422 with every violation in <c>errors</c>; one that breaks a rule the handler enforces
/// across fields is 400.
/// </summary>
internal static partial class FakeCreatePodRules
{
    /// <summary>CreatePodRequest's properties (its own and ContainerConfig's); anything else is unevaluated, so 422.</summary>
    public static readonly IReadOnlySet<string> Properties = new HashSet<string>(StringComparer.Ordinal)
    {
        "args", "disk", "env", "image", "ports", "registry",
        "name", "cloud", "cpu", "dataCenterIds", "globalNetworking", "gpu", "mounts", "startJupyter", "startSsh", "templateId",
    };

    /// <summary>CreateGpuConfig's properties (GpuConfig's plus the CUDA constraints).</summary>
    public static readonly IReadOnlySet<string> GpuProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "count", "allowedCudaVersions", "minCudaVersion",
    };

    public static FakeProblem? Check(JsonNode? body)
    {
        if (body is not JsonObject pod)
        {
            return Unprocessable(["$: must be an object"]);
        }

        var errors = new List<string>();
        errors.AddRange(pod.Select(property => property.Key).Where(key => !Properties.Contains(key))
            .Select(key => $"$: additional properties '{key}' not allowed"));
        String(pod, "name", required: true, errors);
        String(pod, "image", required: !pod.ContainsKey("templateId"), errors);
        String(pod, "templateId", required: false, errors);
        String(pod, "args", required: false, errors);
        if (pod.TryGetPropertyValue("registry", out var registry) && registry is not null && !IsString(registry))
        {
            errors.Add("$.registry: must be a string or null");
        }

        Integer(pod, "disk", minimum: 1, required: false, errors);
        if (Present(pod, "env", errors) is { } env)
        {
            if (env is not JsonObject variables || variables.Any(variable => variable.Value is null || !IsString(variable.Value)))
            {
                errors.Add("$.env: must be an object of strings");
            }
        }

        StringArray(pod, "ports", PortPattern(), errors);
        StringArray(pod, "dataCenterIds", null, errors);
        if (Present(pod, "cloud", errors) is { } cloud && (!IsString(cloud) || cloud.GetValue<string>() is not ("SECURE" or "COMMUNITY")))
        {
            errors.Add("$.cloud: must be SECURE or COMMUNITY");
        }

        foreach (var flag in new[] { "globalNetworking", "startSsh", "startJupyter" })
        {
            if (Present(pod, flag, errors) is { } value && value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add($"$.{flag}: must be a boolean");
            }
        }

        CheckGpu(pod, errors);
        CheckCpu(pod, errors);
        CheckMounts(pod, errors);
        if (errors.Count > 0)
        {
            return Unprocessable(errors);
        }

        return CheckCrossFieldRules(pod);
    }

    private static FakeProblem? CheckCrossFieldRules(JsonObject pod)
    {
        if (pod.ContainsKey("gpu") == pod.ContainsKey("cpu"))
        {
            return BadRequest("exactly one of gpu or cpu must be set");
        }

        if (pod["gpu"] is JsonObject gpu && gpu["allowedCudaVersions"] is JsonArray { Count: > 0 } && gpu.ContainsKey("minCudaVersion"))
        {
            return BadRequest("gpu.allowedCudaVersions and gpu.minCudaVersion are mutually exclusive");
        }

        if (pod["mounts"] is JsonObject mounts && mounts.ContainsKey("persistent") && mounts.ContainsKey("network"))
        {
            return BadRequest("mounts.persistent and mounts.network are mutually exclusive");
        }

        if (pod.ContainsKey("cpu") && pod["mounts"] is JsonObject cpuMounts && cpuMounts.ContainsKey("persistent"))
        {
            return BadRequest("mounts.persistent is not allowed on a CPU pod");
        }

        return null;
    }

    private static void CheckGpu(JsonObject pod, List<string> errors)
    {
        if (Present(pod, "gpu", errors) is not { } node)
        {
            return;
        }

        if (node is not JsonObject gpu)
        {
            errors.Add("$.gpu: must be an object");
            return;
        }

        errors.AddRange(gpu.Select(property => property.Key).Where(key => !GpuProperties.Contains(key))
            .Select(key => $"$.gpu: additional properties '{key}' not allowed"));
        String(gpu, "id", required: true, errors, "$.gpu");
        Integer(gpu, "count", minimum: 1, required: false, errors, "$.gpu");
        if (Present(gpu, "minCudaVersion", errors) is { } minimum && (!IsString(minimum) || !CudaPattern().IsMatch(minimum.GetValue<string>())))
        {
            errors.Add("$.gpu.minCudaVersion: must match ^\\d+\\.\\d+$");
        }

        StringArray(gpu, "allowedCudaVersions", CudaPattern(), errors, "$.gpu");
    }

    private static void CheckCpu(JsonObject pod, List<string> errors)
    {
        if (Present(pod, "cpu", errors) is not { } node)
        {
            return;
        }

        if (node is not JsonObject cpu)
        {
            errors.Add("$.cpu: must be an object");
            return;
        }

        errors.AddRange(cpu.Select(property => property.Key).Where(key => key is not ("id" or "vcpuCount"))
            .Select(key => $"$.cpu: additional properties '{key}' not allowed"));
        String(cpu, "id", required: true, errors, "$.cpu");
        Integer(cpu, "vcpuCount", minimum: 2, required: true, errors, "$.cpu");
    }

    private static void CheckMounts(JsonObject pod, List<string> errors)
    {
        if (Present(pod, "mounts", errors) is not { } node)
        {
            return;
        }

        if (node is not JsonObject mounts)
        {
            errors.Add("$.mounts: must be an object");
            return;
        }

        errors.AddRange(mounts.Select(property => property.Key).Where(key => key is not ("persistent" or "network"))
            .Select(key => $"$.mounts: additional properties '{key}' not allowed"));
        if (Present(mounts, "persistent", errors, "$.mounts") is { } persistentNode)
        {
            if (persistentNode is JsonObject persistent)
            {
                Integer(persistent, "size", minimum: 10, required: true, errors, "$.mounts.persistent");
                String(persistent, "path", required: true, errors, "$.mounts.persistent");
            }
            else
            {
                errors.Add("$.mounts.persistent: must be an object");
            }
        }

        if (Present(mounts, "network", errors, "$.mounts") is not { } networkNode)
        {
            return;
        }

        if (networkNode is not JsonArray { Count: <= 1 } network)
        {
            errors.Add("$.mounts.network: must be an array of at most 1 item");
            return;
        }

        foreach (var item in network)
        {
            if (item is not JsonObject volume)
            {
                errors.Add("$.mounts.network[0]: must be an object");
                continue;
            }

            errors.AddRange(volume.Select(property => property.Key).Where(key => key is not ("volumeId" or "path"))
                .Select(key => $"$.mounts.network[0]: additional properties '{key}' not allowed"));
            String(volume, "volumeId", required: true, errors, "$.mounts.network[0]");
            String(volume, "path", required: true, errors, "$.mounts.network[0]");
        }
    }

    /// <summary>The property's value; a JSON null where the schema has no null is a violation, not an absence.</summary>
    private static JsonNode? Present(JsonObject owner, string name, List<string> errors, string path = "$")
    {
        if (!owner.TryGetPropertyValue(name, out var value))
        {
            return null;
        }

        if (value is null)
        {
            errors.Add($"{path}.{name}: must not be null");
        }

        return value;
    }

    private static void String(JsonObject owner, string name, bool required, List<string> errors, string path = "$")
    {
        if (!owner.ContainsKey(name))
        {
            if (required)
            {
                errors.Add($"{path}: missing property '{name}'");
            }

            return;
        }

        if (Present(owner, name, errors, path) is { } value && (!IsString(value) || value.GetValue<string>().Length == 0))
        {
            errors.Add($"{path}.{name}: must be a non-empty string");
        }
    }

    private static void Integer(JsonObject owner, string name, int minimum, bool required, List<string> errors, string path = "$")
    {
        if (!owner.ContainsKey(name))
        {
            if (required)
            {
                errors.Add($"{path}: missing property '{name}'");
            }

            return;
        }

        if (Present(owner, name, errors, path) is { } value
            && (value.GetValueKind() != JsonValueKind.Number || !value.AsValue().TryGetValue<int>(out var number) || number < minimum))
        {
            errors.Add($"{path}.{name}: must be an integer >= {minimum}");
        }
    }

    private static void StringArray(JsonObject owner, string name, Regex? pattern, List<string> errors, string path = "$")
    {
        if (Present(owner, name, errors, path) is not { } value)
        {
            return;
        }

        if (value is not JsonArray items || items.Any(item => item is null || !IsString(item)))
        {
            errors.Add($"{path}.{name}: must be an array of strings");
            return;
        }

        foreach (var item in items.Select(item => item!.GetValue<string>()).Where(item => pattern is not null && !pattern.IsMatch(item)))
        {
            errors.Add($"{path}.{name}: '{item}' must match {pattern}");
        }
    }

    private static bool IsString(JsonNode node) => node.GetValueKind() == JsonValueKind.String;

    private static FakeProblem Unprocessable(IReadOnlyList<string> errors) =>
        new(422, "Unprocessable Entity", "Request validation failed.", errors);

    private static FakeProblem BadRequest(string detail) => new(400, "Bad Request", detail);

    /// <summary>"port/protocol", as the spec's examples spell it ("8888/http", "22/tcp"; above 65535 asks for a symmetric port).</summary>
    [GeneratedRegex(@"^[1-9]\d{0,5}/(tcp|http)$")]
    private static partial Regex PortPattern();

    [GeneratedRegex(@"^\d+\.\d+$")]
    private static partial Regex CudaPattern();
}

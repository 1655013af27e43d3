using AutoScale.Interfaces.Jobs;

namespace AutoScale.Gateway.Jobs;

/// <summary>Either a request ready for a job grain, or the field at fault and what to do about it.</summary>
public sealed record JobValidation(JobRequest? Request, string? Field, string? Error)
{
    public static JobValidation Valid(JobRequest request) => new(request, null, null);

    public static JobValidation Invalid(string field, string error) => new(null, field, error);
}

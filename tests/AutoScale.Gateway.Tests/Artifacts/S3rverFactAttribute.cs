using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Artifacts;

/// <summary>A fact that needs a real S3 server (s3rver under Node): skipped, saying why, without node or the package.</summary>
public sealed class S3rverFactAttribute : FactAttribute
{
    public S3rverFactAttribute()
    {
        if (S3rverProcess.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

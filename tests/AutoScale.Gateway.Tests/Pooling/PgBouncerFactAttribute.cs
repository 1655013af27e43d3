using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Pooling;

/// <summary>A fact that runs the system through a private PgBouncer: skipped, saying so, when pgbouncer is not installed.</summary>
public class PgBouncerFactAttribute : FactAttribute
{
    public PgBouncerFactAttribute()
    {
        if (PgBouncerProcess.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact that needs a private PgBouncer and a real S3 server (s3rver): skipped, saying which is missing.</summary>
public sealed class PgBouncerAndS3rverFactAttribute : PgBouncerFactAttribute
{
    public PgBouncerAndS3rverFactAttribute()
    {
        if (Skip is null && S3rverProcess.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

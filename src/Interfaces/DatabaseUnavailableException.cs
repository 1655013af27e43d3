namespace AutoScale.Interfaces;

/// <summary>
/// A grain could not reach PostgreSQL. Thrown in place of the driver's own exception, which cannot cross silos, so a
/// worker or the gateway sees what happened and retries rather than a serialization error.
/// </summary>
[GenerateSerializer, Alias("database-unavailable")]
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
    {
    }

    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using AutoScale.Interfaces;
using Npgsql;

namespace AutoScale.Grains;

/// <summary>
/// Turns a database failure inside a grain call into a <see cref="DatabaseUnavailableException"/> its caller can
/// receive: Npgsql's exceptions have no Orleans codec, so a worker would otherwise get a serialization error.
/// </summary>
public sealed class DatabaseFailureFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (NpgsqlException exception)
        {
            // Without the inner exception, which could not be serialized either.
            throw new DatabaseUnavailableException(
                $"{context.InterfaceMethod?.Name ?? "The call"} could not reach the database: {exception.Message}");
        }
    }
}

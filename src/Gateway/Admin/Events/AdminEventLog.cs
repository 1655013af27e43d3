using System.Text.Json;
using AutoScale.Gateway.Auth;
using Npgsql;
using NpgsqlTypes;

namespace AutoScale.Gateway.Admin.Events;

/// <summary>
/// What admins did (<c>admin_events</c>): who (admin key or admin session, and from which address), when, which action
/// on what, with a small JSON detail. Written after the action succeeded; read by <c>/admin/events</c> and <c>/ops</c>.
/// </summary>
public sealed partial class AdminEventLog(NpgsqlDataSource dataSource, ILogger<AdminEventLog> logger)
{
    private static readonly JsonSerializerOptions DetailJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Records <paramref name="action"/> (e.g. <c>tenant.create</c>, <c>quota.set</c>) on <paramref name="target"/> by
    /// the caller of <paramref name="context"/>. The action has happened by then, so a failure to record it is logged as
    /// an error rather than failing the request.
    /// </summary>
    public async Task WriteAsync(HttpContext context, string action, string target, object? detail, CancellationToken ct)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                "INSERT INTO admin_events (actor, action, target, detail) VALUES ($1, $2, $3, $4)");
            command.Parameters.AddWithValue(ActorOf(context));
            command.Parameters.AddWithValue(action);
            command.Parameters.AddWithValue(target);
            command.Parameters.Add(new NpgsqlParameter
            {
                Value = detail is null ? DBNull.Value : JsonSerializer.Serialize(detail, DetailJson), NpgsqlDbType = NpgsqlDbType.Jsonb,
            });
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWriteFailed(action, target, exception.GetType().Name, exception.Message);
        }
    }

    /// <summary>The latest events first.</summary>
    public async Task<IReadOnlyList<AdminEvent>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, at, actor, action, target, detail::text FROM admin_events ORDER BY at DESC, id DESC LIMIT $1");
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<AdminEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new AdminEvent(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return events;
    }

    /// <summary>"admin key" or "admin session", and the client's address: who did it, as far as the gateway knows.</summary>
    public static string ActorOf(HttpContext context)
    {
        var request = context.Request;
        var how = ApiKeyAuthenticationHandler.ReadKey(request) is not null ? "admin key"
            : AdminSession.IsPresent(request) ? "admin session" : "admin";
        return context.Connection.RemoteIpAddress is { } address ? $"{how} from {address}" : how;
    }
}

/// <summary>One row of <c>admin_events</c>; <see cref="DetailJson"/> as stored.</summary>
public sealed record AdminEvent(long Id, DateTimeOffset At, string Actor, string Action, string Target, string? DetailJson);

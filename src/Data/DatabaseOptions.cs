using System.ComponentModel.DataAnnotations;

namespace AutoScale.Data;

/// <summary>How the processes reach PostgreSQL. Bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// The connection pooler between the processes and PostgreSQL, if it hands a server connection to a client only for
    /// one transaction (<c>Transaction</c>: PgBouncer <c>pool_mode=transaction</c>, Supabase's Supavisor on port 6543).
    /// Default <c>None</c>: a direct connection or a session-mode pooler.
    /// </summary>
    [EnumDataType(typeof(DatabasePooler), ErrorMessage = "Database:Pooler must be None or Transaction.")]
    public DatabasePooler Pooler { get; set; } = DatabasePooler.None;
}

/// <summary>The kinds of pooler the product knows how to talk through.</summary>
public enum DatabasePooler
{
    /// <summary>A direct connection, or a pooler that keeps one server connection per client session.</summary>
    None,

    /// <summary>A pooler that may run each transaction of a client on a different server connection.</summary>
    Transaction,
}

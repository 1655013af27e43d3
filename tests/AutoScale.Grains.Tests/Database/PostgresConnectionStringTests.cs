using AutoScale.Data;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AutoScale.Grains.Tests.Database;

public sealed class PostgresConnectionStringTests
{
    private const string Configured = "Host=db.example;Port=6543;Username=postgres.ref;Password=secret;Database=postgres;Max Auto Prepare=20";

    private static IConfiguration Configuration(string? pooler) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = Configured,
            ["Database:Pooler"] = pooler,
        })
        .Build();

    [Fact]
    public void Without_a_pooler_the_connection_string_is_used_as_given()
    {
        Assert.Equal(Configured, PostgresConnectionString.Resolve(Configuration(null)));
        Assert.Equal(Configured, PostgresConnectionString.Resolve(Configuration("None")));
    }

    [Fact]
    public void Behind_a_transaction_pooler_nothing_outlives_a_transaction()
    {
        var resolved = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Resolve(Configuration("Transaction")));

        Assert.True(resolved.NoResetOnClose);
        Assert.Equal(0, resolved.MaxAutoPrepare);
        Assert.Equal(("db.example", 6543, "postgres.ref", "secret"), (resolved.Host, resolved.Port, resolved.Username, resolved.Password));
    }

    [Theory]
    [InlineData("Statement")]
    [InlineData("7")]
    public void An_unknown_pooler_fails_at_start_naming_the_setting(string pooler)
    {
        var error = Assert.ThrowsAny<InvalidOperationException>(() => PostgresConnectionString.Resolve(Configuration(pooler)));

        Assert.Contains("Pooler", error.Message + error.InnerException?.Message, StringComparison.Ordinal);
    }
}

using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Infrastructure;

/// <summary>A fact that needs <c>../shared/data</c> beside the checkout (CI has it; a user's clone may not): skipped, saying so, without it.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (RepositoryLayout.Shared is null)
        {
            Skip = "../shared/data (Kokoro's config and a voice file) is not beside this checkout.";
        }
    }
}

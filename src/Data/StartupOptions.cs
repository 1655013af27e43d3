using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace AutoScale.Data;

/// <summary>
/// Binds and checks options that are needed while the host is still being built (before <c>ValidateOnStart</c>
/// can run), failing with every broken setting named.
/// </summary>
public static class StartupOptions
{
    public static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new InvalidOperationException(
                $"Invalid {section} settings: " + string.Join("; ", results.Select(r => r.ErrorMessage)));
        }

        return options;
    }
}

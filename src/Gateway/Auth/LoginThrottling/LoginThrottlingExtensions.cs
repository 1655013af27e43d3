namespace AutoScale.Gateway.Auth.LoginThrottling;

/// <summary>Registers the per-address slow-down of wrong admin keys at <c>/login</c> (<c>Auth:Login</c>).</summary>
public static class LoginThrottlingExtensions
{
    public static IServiceCollection AddLoginThrottling(this IServiceCollection services)
    {
        services.AddOptions<LoginThrottleOptions>().BindConfiguration(LoginThrottleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LoginThrottle>();
        return services;
    }
}

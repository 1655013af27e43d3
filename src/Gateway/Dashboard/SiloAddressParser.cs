namespace AutoScale.Gateway.Dashboard;

/// <summary>Reads a silo address as the dashboard writes it in its URLs (<c>10.0.0.5:11111@155434748</c>).</summary>
internal static class SiloAddressParser
{
    public static bool TryParse(string text, out SiloAddress silo)
    {
        silo = null!;
        if (string.IsNullOrEmpty(text) || !text.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            silo = SiloAddress.FromParsableString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

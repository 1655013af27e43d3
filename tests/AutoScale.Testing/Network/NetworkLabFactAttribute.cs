namespace AutoScale.Testing.Network;

/// <summary>A fact that needs a <see cref="NetworkLab"/>: skipped, saying why, where none can be made (not root, no <c>ip netns</c>).</summary>
public sealed class NetworkLabFactAttribute : FactAttribute
{
    public NetworkLabFactAttribute() => Skip = NetworkLab.UnavailableReason;
}

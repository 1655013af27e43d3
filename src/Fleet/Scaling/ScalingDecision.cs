namespace AutoScale.Fleet.Scaling;

/// <summary>The policy's answer for one pool: how many workers it should have, and why, in words an operator reads.</summary>
public sealed record ScalingDecision(string Pool, int Current, int Desired, string Reason)
{
    public ScalingAction Action => Desired > Current ? ScalingAction.ScaleUp : Desired < Current ? ScalingAction.ScaleDown : ScalingAction.Hold;
}

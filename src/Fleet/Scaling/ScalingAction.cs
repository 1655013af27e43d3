namespace AutoScale.Fleet.Scaling;

public enum ScalingAction
{
    Hold,
    ScaleUp,
    ScaleDown,
}

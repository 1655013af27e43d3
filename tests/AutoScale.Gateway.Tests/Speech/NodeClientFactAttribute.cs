namespace AutoScale.Gateway.Tests.Speech;

/// <summary>A fact that runs a script of <c>tests/js</c> with Node: skipped, saying why, without <c>node</c> or the installed packages.</summary>
public sealed class NodeClientFactAttribute : FactAttribute
{
    public NodeClientFactAttribute()
    {
        if (NodeScript.FindNode() is null)
        {
            Skip = "node is not on PATH; the test command installs it for the client-side tests.";
        }
        else if (!Directory.Exists(Path.Combine(NodeScript.Directory, "node_modules", "openai")))
        {
            Skip = $"{Path.Combine(NodeScript.Directory, "node_modules")} has no openai package; run 'npm ci' in tests/js (the test command does).";
        }
    }
}

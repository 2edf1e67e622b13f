using RegularizationLab.Lab.Homework.Sandbox;

namespace Homework.Tests;

/// <summary>
/// A test that grades in the bubblewrap sandbox: skipped, with the install command as the reason, on a machine without
/// <c>bwrap</c> — unless <c>LAB_REQUIRE_SANDBOX=1</c> (set by <c>.ci/run</c>), where it runs and fails instead.
/// </summary>
public sealed class SandboxFactAttribute : FactAttribute
{
    public SandboxFactAttribute()
    {
        if (!SandboxTool.Available && Environment.GetEnvironmentVariable(SandboxTool.RequiredVariable) != "1")
            Skip = SandboxTool.MissingMessage;
    }
}

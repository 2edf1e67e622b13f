using System.Text.Json.Nodes;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Execution;

/// <summary>
/// The ✓/✗ lines a notebook's checks printed (homework checks, lecture self-checks), read back from its executed copy,
/// so that "ran without errors" is never the whole story when checks failed.
/// </summary>
public static class CheckLines
{
    private const int MostShown = 12;

    /// <summary>Every ✗ line and up to a dozen ✓ lines (with a count of the rest); empty when nothing was checked.</summary>
    public static IReadOnlyList<string> Summary(string? executedPath)
    {
        var lines = Read(executedPath);
        var failed = lines.Where(l => l.StartsWith('✗')).ToList();
        var passed = lines.Where(l => l.StartsWith('✓')).ToList();
        if (failed.Count + passed.Count == 0)
            return [];
        var shown = new List<string> { $"checks: {passed.Count} passed (✓), {failed.Count} failed (✗)" };
        shown.AddRange(lines.Where(l => l.StartsWith('✗') || (l.StartsWith('✓') && passed.Count <= MostShown)));
        return shown;
    }

    private static List<string> Read(string? executedPath)
    {
        if (executedPath is null || !File.Exists(executedPath))
            return [];
        try
        {
            return Notebook.Load(executedPath).Cells
                .SelectMany(c => c.Outputs?.OfType<JsonObject>() ?? [])
                .Where(o => (string?)o["output_type"] == "stream")
                .SelectMany(o => NbText.FromNode(o["text"]).Split('\n'))
                .Select(l => l.TrimEnd('\r').Trim())
                .Where(l => l.StartsWith('✓') || l.StartsWith('✗'))
                .ToList();
        }
        catch (NotebookFormatException)
        {
            return [];
        }
    }
}

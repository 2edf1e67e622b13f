using System.Text.Json.Nodes;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Homework;

/// <summary>
/// A cell's nbgrader metadata (schema version 3), which is how solution notebooks mark their parts:
/// <c>solution</c> cells hold the student's answer, <c>grade</c> cells carry points (autograded tests, or — with
/// <c>solution</c> as well — an answer graded by hand), <c>locked</c> cells must not be edited.
/// </summary>
public sealed record NbgraderCell(string GradeId, bool Solution, bool Grade, bool Locked, double Points)
{
    public const int SchemaVersion = 3;

    /// <summary>An autograded test cell: earns its points when it runs without an error.</summary>
    public bool IsAutogradedTest => Grade && !Solution;

    /// <summary>An answer graded by hand (a written answer).</summary>
    public bool IsManuallyGraded => Grade && Solution;

    /// <summary>A cell the student must not change: everything that is not a solution cell.</summary>
    public bool IsProtected => !Solution;

    /// <summary>The cell's nbgrader metadata, or null when it has none (or it is unreadable).</summary>
    public static NbgraderCell? Read(NotebookCell cell)
    {
        if (cell.Metadata["nbgrader"] is not JsonObject meta) return null;
        var id = TryString(meta["grade_id"]);
        if (string.IsNullOrWhiteSpace(id)) return null;
        return new NbgraderCell(id, TryBool(meta["solution"]), TryBool(meta["grade"]), TryBool(meta["locked"]), TryDouble(meta["points"]));
    }

    private static string? TryString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool TryBool(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    private static double TryDouble(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number : 0;
}

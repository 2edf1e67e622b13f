namespace RegularizationLab.Lab.Notebooks;

/// <summary>A notebook file that cannot be read: names the file and says what is wrong with it.</summary>
public sealed class NotebookFormatException(string? path, string problem)
    : Exception($"{path ?? "notebook"}: cannot read the notebook: {problem}")
{
    public string? NotebookPath { get; } = path;

    public string Problem { get; } = problem;
}

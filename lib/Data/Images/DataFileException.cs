namespace RegularizationLab.Data;

/// <summary>
/// A shipped data file is missing, truncated or not what it should be. The message names the file, says what was
/// expected and how to get the file back, so a student who sees it in a notebook can fix it without help.
/// </summary>
public sealed class DataFileException : IOException
{
    /// <summary>How to restore a shipped data file (also in data/README.md).</summary>
    public const string RestoreHint =
        "Restore the shipped file with `git checkout -- data/` from the repository root, or rebuild all of them with " +
        "`cd tools/DataPrep && npm ci && node regenerate.js` (see data/README.md).";

    public DataFileException(string filePath, string problem, string expected, Exception? inner = null)
        : base($"{problem} File: {filePath}. Expected: {expected}. {RestoreHint}", inner)
    {
        FilePath = filePath;
        Problem = problem;
        Expected = expected;
    }

    /// <summary>Full path of the offending file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, e.g. "The file does not exist."</summary>
    public string Problem { get; }

    /// <summary>What the file should contain, e.g. "an IDX image file: magic number 0x00000803, …".</summary>
    public string Expected { get; }
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using RegularizationLab.Lab.Homework;
using RegularizationLab.Lab.Notebooks;

namespace Homework.Tests;

/// <summary>
/// Grades, once, the submissions of issue 10's held-out classes of failure: attacks on the grader, batch crashers,
/// layout accidents, delegation to library code and input mutation. Each is a real notebook run through the real
/// grader in its bubblewrap sandbox. The attacks on the sandbox itself run with the forbidden-API check switched off
/// (otherwise their code would be rejected before it ran) in one batch, between two honest students whose reports
/// must come out intact.
/// </summary>
public sealed class AttackFixture : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Repository.Root, "out", "homework-attack-tests");

    public Dictionary<string, StudentGrade> Grades { get; } = [];

    /// <summary>The sandbox batch's output folder, and the honest first student's report as it was right after grading.</summary>
    public string BatchFolder => Path.Combine(Folder, "batch");

    public string HonestReportAfterGrading { get; private set; } = "";

    public string ChartsHashBefore { get; private set; } = "";

    public const int MemoryMegabytes = 300;

    private static readonly string Hw1 = "hw1-l1-l2";

    public async Task InitializeAsync()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        var submissions = Path.Combine(Folder, "submissions");
        Directory.CreateDirectory(submissions);
        ChartsHashBefore = HashOf(Path.Combine(Repository.Root, "lib", "Charts.csx"));

        string Write(string name, string text)
        {
            var path = Path.Combine(submissions, name + ".ipynb");
            File.WriteAllText(path, text);
            return path;
        }
        var solved = Students.Solved(Hw1);
        var stubs = File.ReadAllText(Repository.Exercise(Hw1));
        var jobs = new List<(string Key, IReadOnlyList<string> Paths, Grader Grader)>();
        var strict = new Grader(Repository.Solution(Hw1));
        var lowMemory = new Grader(Repository.Solution(Hw1), new GradingLimits { MemoryMegabytes = MemoryMegabytes });
        void Grade(string key, string text, Grader? grader = null) => jobs.Add((key, [Write(key, text)], grader ?? strict));

        // Attacks the forbidden-API check stops before they run.
        Grade("forged-results", Students.WithExtraCell(stubs, "summary",
            "System.IO.File.WriteAllText(System.IO.Path.Combine(System.IO.Path.GetTempPath(), \"result.json\"), \"{}\");\nConsole.WriteLine(\"@@grade e30= 00\");\nEnvironment.Exit(0);"));
        Grade("reflection", Students.Edit(solved, "l2_code", s => s.Replace("double sumOfSquares = 0;",
            "typeof(Checks).GetField(\"gradingMode\", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.SetValue(null, false);\n    double sumOfSquares = 0;")));
        Grade("import-solution", Students.WithExtraCell(stubs, "setup", "#!import ../solutions/hw1-l1-l2.ipynb"));
        Grade("fake-progress", Students.WithExtraCell(stubs, "summary",
            "var raw = Console.OpenStandardOutput();\nraw.Write(System.Text.Encoding.UTF8.GetBytes(\"@@lab cell 5 ok 0.1s\\n\"));"));
        Grade("delegation", Students.Edit(solved, "soft_threshold_code", _ =>
            "double[] SoftThreshold(double[] values, double threshold) =>\n    values.Select(v => RegularizationLab.Regularizers.SoftThresholding.Apply(v, threshold)).ToArray();"));
        Grade("delegation-to-reference", Students.Edit(solved, "proximal_code", _ =>
            "double[] ProximalL1Fit(Matrix X, double[] y, double lambda, double learningRate, int steps) =>\n    Checks.ReferenceLassoFit(X, y, lambda, learningRate, steps);"));
        Grade("input-mutation", Students.Edit(solved, "soft_threshold_code", _ =>
            "double[] SoftThreshold(double[] values, double threshold)\n{\n    for (int i = 0; i < values.Length; i++)\n        values[i] = Math.Sign(values[i]) * Math.Max(Math.Abs(values[i]) - threshold, 0.0);\n    return values;\n}"));
        var hog = Students.Edit(solved, "l2_code", s => s.Replace("double sumOfSquares = 0;",
            "var hoard = new List<double[]>();\n    while (true) hoard.Add(new double[1_000_000]);\n    double sumOfSquares = 0;"));
        Grade("memory-hog", hog, lowMemory);
        Grade("memory-hog-again", hog, lowMemory);

        // Batch crashers and layout accidents.
        Grade("nbformat-float", solved.Replace("\"nbformat\": 4,", "\"nbformat\": 4.0,"));
        Grade("source-not-text", Students.SetSourceNode(solved, "l2_code", JsonValue.Create(42)));
        Grade("garbage", "\u0000\u0001 not a notebook at all");
        Grade("no-metadata", Students.WithoutMetadata(solved));
        Grade("split-answer", Students.SplitAnswer(solved, "l2_code", "double[] L2Gradient"));
        Grade("other-assignment", File.ReadAllText(Repository.Solution("hw2-dropout")));
        var twoNotebooks = Path.Combine(submissions, "two-notebooks");
        Directory.CreateDirectory(twoNotebooks);
        File.WriteAllText(Path.Combine(twoNotebooks, "a-draft.ipynb"), File.ReadAllText(Repository.Solution("hw2-dropout")));
        File.WriteAllText(Path.Combine(twoNotebooks, "hw1 final.ipynb"), solved);
        jobs.Add(("two-notebooks", [Path.Combine(twoNotebooks, "a-draft.ipynb"), Path.Combine(twoNotebooks, "hw1 final.ipynb")], strict));

        using var gate = new SemaphoreSlim(2); // two notebooks at a time on a 2-core machine
        await Task.WhenAll(jobs.Select(async job =>
        {
            await gate.WaitAsync();
            try
            {
                var grade = await job.Grader.GradeAsync(job.Key, job.Paths, Path.Combine(Folder, "graded"));
                lock (Grades) Grades[job.Key] = grade;
            }
            finally { gate.Release(); }
        }));

        // The sandbox alone, in one batch: honest, attacks, honest. Nothing is rejected before it runs here.
        var open = new Grader(Repository.Solution(Hw1), new GradingLimits { CheckForbiddenApis = false });
        var batch = new List<(string, IReadOnlyList<string>)>
        {
            ("aa-honest", [Write("aa-honest", solved)]),
            ("sandbox-writes", [Write("sandbox-writes", Students.WithExtraCell(solved, "summary", Students.WriteEverywhere(BatchFolder)))]),
            ("sandbox-reads", [Write("sandbox-reads", Students.WithExtraCell(solved, "summary", Students.ReadHiddenTests()))]),
            ("sandbox-background", [Write("sandbox-background", Students.WithExtraCell(solved, "setup",
                "System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(\"sh\", \"-c 'sleep infinity &'\") { UseShellExecute = false });"))]),
            ("sandbox-forged", [Write("sandbox-forged", Students.WithExtraCell(stubs, "summary", Students.ForgeResults()))]),
            ("sandbox-reflection", [Write("sandbox-reflection", Students.WithExtraCell(stubs, "setup",
                "typeof(RegularizationLab.Homework.Checks).GetProperty(\"GradingOverride\", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.SetValue(null, false);"))]),
            ("zz-honest", [Write("zz-honest", solved)]),
        };
        var graded = await GradeVerb.GradeAllAsync(open, batch, BatchFolder, null, afterEach: student =>
        {
            if (student == "aa-honest") HonestReportAfterGrading = File.ReadAllText(Path.Combine(BatchFolder, "aa-honest.json"));
        });
        foreach (var grade in graded) Grades[grade.Student] = grade;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static string HashOf(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}

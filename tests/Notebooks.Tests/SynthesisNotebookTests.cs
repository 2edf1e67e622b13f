using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Notebooks.Tests;

public sealed class SynthesisNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "12-synthesis.ipynb";

    // Dozens of small trainings per cell: seconds on a quiet machine, many minutes on a loaded one.
    protected override RunnerOptions? Options => new() { CellTimeout = TimeSpan.FromMinutes(30) };
}

/// <summary>
/// Pins what the synthesis lecture shows: small batches find wider minima (three seeds, with standard errors, at
/// comparable training loss) while the step-size pair stays undecided; in the capstone the validation-chosen method is
/// clearly better than no regularization (worst seed above best seed), noisy validation labels saturate near the true
/// boundary's score, averaging memorizing networks helps less than regularizing one, and the weight-noise networks sit
/// in wider minima than the plain ones yet test no better; the map covers every notebook; and each quiz cell
/// gives the right verdict for every letter.
/// </summary>
public sealed partial class SynthesisNotebookTests(SynthesisNotebookFixture notebook) : IClassFixture<SynthesisNotebookFixture>
{
    private static double N(Group g) => PrintedNotebookFixture.Number(g);
    private const string ClearlyBetter = @"clearly better \(worst seed above best seed\)";
    private const string ClearlyWorse = @"clearly worse \(best seed below worst seed\)";

    [Fact]
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 5);

    [Fact]
    public void Small_batches_find_wider_minima_on_every_seed_and_the_step_size_pair_is_undecided()
    {
        var rows = SharpRow().Matches(notebook.Printed).Select(m => (Setting: m.Groups["setting"].Value,
            Seed: (int)N(m.Groups["seed"]), Loss: N(m.Groups["loss"]), Accuracy: N(m.Groups["acc"]), S: N(m.Groups["s"]),
            Se: N(m.Groups["se"]))).ToList();
        Assert.Equal(12, rows.Count);
        // No network has memorized the 21 flipped labels: training accuracy stays near 1 − 21/250 = 91.6%.
        Assert.All(rows, r => Assert.InRange(r.Accuracy, 85, 95));
        Assert.All(rows, r => Assert.True(r.Se > 0 && r.Se < r.S, $"{r.Setting} seed {r.Seed}: s.e. {r.Se} vs S {r.S}"));
        (double S, double Se, double Loss) At(string setting, int seed)
        {
            var r = rows.Single(r => r.Setting == setting && r.Seed == seed);
            return (r.S, r.Se, r.Loss);
        }
        foreach (var (flat, sharp) in new[] { ("|B| = 10", "|B| = 250"), ("η = 0.3", "η = 0.03") })
        {
            // Comparable fits: flatness is not just a much worse (or much better) fit of the training set.
            for (int seed = 1; seed <= 3; seed++)
                Assert.InRange(At(flat, seed).Loss / At(sharp, seed).Loss, 0.8, 1.25);
            // The caveat the text states: the flatter network of each pair fits slightly worse.
            Assert.True(rows.Where(r => r.Setting == flat).Average(r => r.Loss) > rows.Where(r => r.Setting == sharp).Average(r => r.Loss));
        }
        // The batch pair: lower on every seed, and (recomputed from the printed table) a mean per-seed difference above
        // t₂ = 4.30 paired standard errors.
        for (int seed = 1; seed <= 3; seed++)
            Assert.True(At("|B| = 10", seed).S < At("|B| = 250", seed).S, $"seed {seed}");
        var (gapB, seB) = PairedFromTable("|B| = 10", "|B| = 250");
        Assert.True(gapB > 4.30 * seB, $"{gapB} vs {seB}");
        // The step-size pair: more than twice flatter on seeds 2 and 3, sharper on seed 1 (0.0176 against 0.0153), and a
        // mean per-seed difference positive but below 4.30 paired standard errors.
        foreach (int seed in new[] { 2, 3 })
            Assert.True(At("η = 0.03", seed).S > 2 * At("η = 0.3", seed).S, $"seed {seed}");
        var (large, small) = (At("η = 0.3", 1), At("η = 0.03", 1));
        Assert.Equal((0.0176, 0.0153), (large.S, small.S));
        var (gapS, seS) = PairedFromTable("η = 0.3", "η = 0.03");
        Assert.True(gapS > 0 && gapS < 4.30 * seS, $"{gapS} vs {seS}");
        (double Gap, double Se) PairedFromTable(string flat, string sharp)
        {
            var d = Enumerable.Range(1, 3).Select(seed => At(sharp, seed).S - At(flat, seed).S).ToArray();
            return (d.Average(), Math.Sqrt(d.Sum(x => Math.Pow(x - d.Average(), 2)) / 2) / Math.Sqrt(3));
        }
        // The paired lines the text quotes: the batch pair is clearly flatter, the step-size pair within the seed spread.
        Assert.Equal((3, 0.0161, 0.0023, 0.0100, "clearly flatter"), Paired(@"S\(\|B\| = 10\) below S\(\|B\| = 250\)"));
        Assert.Equal((2, 0.0039, 0.0032, 0.0136, "within the seed spread"), Paired(@"S\(η = 0\.3\) below S\(η = 0\.03\)"));
        // The seed s.e. can be smaller than every MC s.e. of its networks (shared perturbations): η = 0.03.
        Assert.Equal(0.0008, SeedMean("η = 0.03").Se);
        Assert.Equal((0.0018, 0.0025), (rows.Where(r => r.Setting == "η = 0.03").Min(r => r.Se),
            rows.Where(r => r.Setting == "η = 0.03").Max(r => r.Se)));
        var ratios = notebook.Line(@"^S\(\|B\| = 250\) / S\(\|B\| = 10\) = ([\d.]+); S\(η = 0\.03\) / S\(η = 0\.3\) = ([\d.]+)$");
        Assert.Equal((3.84, 1.40), (N(ratios[1]), N(ratios[2])));
        Assert.Single(notebook.Lines(@"^✓ small batches find wider minima than full batches$"));
        Assert.Single(notebook.Lines(@"^✓ a large step is flatter on average only: not on every seed, within the seed spread$"));
        // The chart's check: the batch comparison holds at every radius ρ ≥ 0.02; the step-size pair stays split 2 to 1.
        Assert.Single(notebook.Lines(@"^✓ from ρ = 0\.02 up, the small batch is flatter on every seed$"));
        Assert.Equal(2, N(notebook.Line(@"^from ρ = 0\.02 up, the large step is flatter on (\d) of 3 seeds$")[1]));
        // Seed 1, the exception: the large step is the sharper one up to ρ = 0.05 and flatter only at ρ = 0.1.
        var seedOne = notebook.Line(@"^seed 1, S\(η = 0\.3\) / S\(η = 0\.03\) at ρ = 0\.01: ([\d.]+), 0\.02: ([\d.]+), "
            + @"0\.05: ([\d.]+), 0\.1: ([\d.]+)$");
        Assert.Equal((1.39, 1.27, 1.15, 0.98), (N(seedOne[1]), N(seedOne[2]), N(seedOne[3]), N(seedOne[4])));
        Assert.True(N(seedOne[1]) > 1 && N(seedOne[2]) > 1 && N(seedOne[3]) > 1 && N(seedOne[4]) < 1);
        // At the smallest radius the count is 2 of 3 as well, but the rises are of order 1e-4 with standard errors of the
        // same order, and one estimate (|B| = 10, seed 3) is negative.
        Assert.Equal(2, N(notebook.Line(@"^at ρ = 0\.01 the large step is flatter on (\d) of 3 seeds")[1]));
        var smallest = notebook.Lines(@"^S\(0\.01\), .+$").SelectMany(line => SmallestRadius().Matches(line.Value))
            .Select(m => (S: N(m.Groups["s"]), Se: N(m.Groups["se"]))).ToList();
        Assert.Equal(12, smallest.Count);
        Assert.All(smallest, r => Assert.True(Math.Abs(r.S) < 1e-3 && r.Se is > 3e-5 and < 1e-3, $"S(0.01) = {r.S} ± {r.Se}"));
        Assert.Contains(smallest, r => r.Se > r.S);                     // somewhere the noise exceeds the signal
        Assert.Single(smallest, r => r.S < 0);
        Assert.Matches(@"seed 3 -0\.\d+ ±", notebook.Line(@"^S\(0\.01\), \|B\| = 10 : .+$")[0].Value);
    }

    private (int Seeds, double Gap, double Se, double Threshold, string Verdict) Paired(string pair)
    {
        var m = notebook.Line("^" + pair + @" on (\d) of 3 seeds; mean paired difference ([\d.]+) ± ([\d.]+) \(paired s\.e\.\), "
            + @"4\.30 paired s\.e\. = ([\d.]+): (clearly flatter|within the seed spread)$");
        return ((int)N(m[1]), N(m[2]), N(m[3]), N(m[4]), m[5].Value);
    }

    [Fact]
    public void Weight_noise_found_wider_minima_at_both_strengths_at_comparable_training_loss()
    {
        var rows = KeptRow().Matches(notebook.Printed).Select(m => (Name: m.Groups["name"].Value, Seed: (int)N(m.Groups["seed"]),
            Loss: N(m.Groups["loss"]), Accuracy: N(m.Groups["acc"]), S: N(m.Groups["s"]), Se: N(m.Groups["se"]))).ToList();
        Assert.Equal(9, rows.Count);
        // Every network has fitted some flipped labels: training accuracy 93–97%, above 1 − 21/250 = 91.6%.
        Assert.All(rows, r => Assert.InRange(r.Accuracy, 93, 97));
        foreach (string noisy in new[] { "σ_w = 0.02", "σ_w = 0.05" })
            for (int seed = 1; seed <= 3; seed++)
                Assert.True(rows.Single(r => r.Name == noisy && r.Seed == seed).S < rows.Single(r => r.Name == "none" && r.Seed == seed).S,
                    $"{noisy}, seed {seed}");
        var none = KeptMean("none");
        var (weak, strong) = (KeptMean("σ_w = 0.02"), KeptMean("σ_w = 0.05"));
        // The numbers the text quotes.
        Assert.Equal((0.0228, 0.0004, 0.1108), none);
        Assert.Equal((0.0157, 0.0009, 0.1070), weak);
        Assert.Equal((0.0149, 0.0010, 0.1023), strong);
        Assert.Equal((3, 0.0071, 0.0011, 0.0048, "clearly flatter"), Paired(@"S\(σ_w = 0\.02\) below S\(none\)"));
        Assert.Equal((3, 0.0079, 0.0009, 0.0038, "clearly flatter"), Paired(@"S\(σ_w = 0\.05\) below S\(none\)"));
        // The plain networks' seed s.e. (0.0004) is far below each of their MC s.e. (0.0031–0.0057): shared δ.
        var plain = rows.Where(r => r.Name == "none").ToArray();
        Assert.Equal((0.0031, 0.0057), (plain.Min(r => r.Se), plain.Max(r => r.Se)));
        Assert.True(none.Se < plain.Min(r => r.Se) / 5);
        // Per seed the fit does muddy it: at σ_w = 0.02 the losses run from 0.0755 to 0.1688, and seed 3 has a higher
        // loss than every plain network (at most 0.1197) yet is flatter than plain seed 3 (0.0162 against 0.0235).
        var weakRows = rows.Where(r => r.Name == "σ_w = 0.02").ToArray();
        Assert.Equal((0.0755, 0.1688), (weakRows.Min(r => r.Loss), weakRows.Max(r => r.Loss)));
        Assert.Equal(0.1197, plain.Max(r => r.Loss));
        Assert.Equal(0.0235, plain.Single(r => r.Seed == 3).S);
        Assert.Single(notebook.Lines(@"^σ_w = 0\.02: training loss above every plain network's \(0\.1197\) on "
            + @"seed 3 \(loss 0\.1688, S 0\.0162\)$"));
        Assert.Single(notebook.Lines(@"^σ_w = 0\.05: training loss above every plain network's \(0\.1197\) on no seed$"));
        Assert.Single(notebook.Lines(@"^✓ weight noise found wider minima than Adam alone, at both σ_w$"));
        // "The two strengths cannot be told apart": their means differ by less than either standard error.
        Assert.True(Math.Abs(weak.Mean - strong.Mean) < Math.Min(weak.Se, strong.Se));
        // "The flatter networks have the lower mean training loss."
        Assert.True(weak.Loss < none.Loss && strong.Loss < none.Loss);
    }

    private (double Mean, double Se, double Loss) KeptMean(string name)
    {
        var m = notebook.Line("^" + Regex.Escape(name)
            + @": mean S\(0\.05\) = ([\d.]+) ± ([\d.]+) \(seed s\.e\., 3 seeds\); mean train loss ([\d.]+)$");
        return (N(m[1]), N(m[2]), N(m[3]));
    }

    private (double Mean, double Se) SeedMean(string setting)
    {
        var m = notebook.Line("^" + Regex.Escape(setting) + @": mean S over seeds = ([\d.]+) ± ([\d.]+) \(seed s\.e\., 3 seeds\)");
        return (N(m[1]), N(m[2]));
    }

    [Fact]
    public void Capstone_the_validation_choice_beats_no_regularization_and_noisy_validation_saturates()
    {
        var rows = CapstoneRow().Matches(notebook.Printed).ToDictionary(m => m.Groups["method"].Value.Trim(), m => (
            Trainings: N(m.Groups["trainings"]), Validation: N(m.Groups["val"]), Test: N(m.Groups["test"]),
            TestSd: N(m.Groups["testsd"])));
        string[] expected = { "none", "L2 (weight decay)", "L1", "dropout", "early stopping", "ensemble", "input noise",
            "weight noise", "label smoothing", "Mixup" };
        Assert.Equal(expected.Order(), rows.Keys.Order());
        // The budget column the text quotes: 5 trainings for the ensemble, 2 for two settings, 1 for none and early stopping.
        Assert.Equal(5, rows["ensemble"].Trainings);
        Assert.All(new[] { "none", "early stopping" }, m => Assert.Equal(1, rows[m].Trainings));
        Assert.All(expected.Except(new[] { "none", "early stopping", "ensemble" }), m => Assert.Equal(2, rows[m].Trainings));
        // Lecture 00's phenomenon at three seeds: the explicit regularizers beat doing nothing.
        foreach (string method in new[] { "L2 (weight decay)", "early stopping" })
            Assert.Single(notebook.Lines("^" + Regex.Escape(method) + @"\s+vs none \(test\): " + ClearlyBetter));
        // Every method but weight noise beats doing nothing on every seed; most come close to 100%.
        Assert.Equal(rows.Count - 2, notebook.Lines(@"^[A-Za-z0-9() ]+vs none \(test\): " + ClearlyBetter + "$").Count);
        Assert.Single(notebook.Lines(@"^weight noise\s+vs none \(test\): within the seed spread"));
        // The text's reason: the stronger weight noise did worse on validation.
        var weightNoise = notebook.Line(@"^  weight noise\s+σ_w = 0\.02: ([\d.]+) %\s+σ_w = 0\.05: ([\d.]+) %");
        Assert.True(N(weightNoise[2]) < N(weightNoise[1]), weightNoise[0].Value);
        Assert.True(rows.Count(r => r.Value.Test >= 98.5) >= 5);
        var chosen = notebook.Line(@"^chosen on validation: (?<m>[^(]+) \(");
        string winner = chosen["m"].Value.Trim();
        Assert.Equal(rows.MaxBy(r => r.Value.Validation).Key, winner);
        Assert.True(rows[winner].Test > rows["none"].Test + 3, $"{winner} {rows[winner].Test} vs none {rows["none"].Test}");
        // Noisy validation labels cap validation accuracy near the true boundary's score: the good methods all sit there.
        double trueBoundaryScore = notebook.Number("validation score of the true boundary (every clean label)");
        Assert.InRange(rows[winner].Validation, trueBoundaryScore - 1.5, trueBoundaryScore + 1.5);
        Assert.True(rows.Count(r => r.Value.Validation > trueBoundaryScore - 1) >= 4, "several methods should reach the true boundary's score");
        // With its own stopping set, early stopping's validation score is no longer optimistic: no mean is above it.
        Assert.All(rows, r => Assert.True(r.Value.Validation <= trueBoundaryScore, $"{r.Key}: {r.Value.Validation}"));
        var ties = notebook.Line(@"^within 0\.5 points of the winner on validation: (.+)$")[1].Value.Split(", ");
        Assert.True(ties.Length >= 2, "the winner should have near-ties");
        // Why the ensemble helps only partly: its members fit 0 to 15 of the 21 flipped training labels, and the averaged
        // prediction still fits 8 to 12 of them (the plain networks 10 to 15).
        var fits = FlippedFits().Matches(notebook.Printed).Select(m => (Plain: N(m.Groups["plain"]),
            Members: m.Groups["members"].Value.Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray(), Ensemble: N(m.Groups["ensemble"]))).ToList();
        Assert.Equal(3, fits.Count);
        Assert.Equal(21, N(notebook.Line(@"^flipped training labels fitted \(of (\d+)\):$")[1]));
        Assert.All(fits, f => Assert.Equal(5, f.Members.Length));
        Assert.Equal((0.0, 15.0), (fits.Min(f => f.Members.Min()), fits.Max(f => f.Members.Max())));
        Assert.Equal((8.0, 12.0), (fits.Min(f => f.Ensemble), fits.Max(f => f.Ensemble)));
        Assert.Equal((10.0, 15.0), (fits.Min(f => f.Plain), fits.Max(f => f.Plain)));
        // Averaging networks that each memorize does not undo the memorization as well as regularizing one network.
        Assert.True(rows["ensemble"].Test > rows["none"].Test);
        var working = rows.Where(r => r.Key is not ("none" or "ensemble" or "weight noise")).ToArray();
        Assert.All(working, r => Assert.True(rows["ensemble"].Test < r.Value.Test, $"ensemble vs {r.Key}"));
        // The text's warning: the validation winner is tied with the runner-up, and the test set cannot separate them.
        var runnerUp = rows.Where(r => r.Key != winner).MaxBy(r => r.Value.Validation);
        Assert.InRange(rows[winner].Validation - runnerUp.Value.Validation, 0, 0.5);
        // "exactly tied with it on validation (0.0 points below)".
        Assert.Single(notebook.Lines(@"against the runner-up .+, 0\.0 points below it on validation, on test: within the seed spread$"));
        // Your turn, resolved in the text: weight decay plus input noise is not shown better than either alone, whose
        // test accuracies (99.0 % and 99.8 %) leave little room, at settings (λ = 0.3, σ_x = 0.1) other than the recipe's.
        Assert.Single(notebook.Lines(@"^against L2 alone: within the seed spread; against input noise alone: within the seed spread$"));
        Assert.Equal((99.0, 99.8), (rows["L2 (weight decay)"].Test, rows["input noise"].Test));
        Assert.Single(notebook.Lines(@"^L2 \(weight decay\)\s+AdamW λ = 0\.3\s"));
        Assert.Single(notebook.Lines(@"^input noise\s+σ_x = 0\.1\s"));
        Assert.Single(notebook.Lines(@"^L2 \+ input noise \(λ = 0\.1, σ_x = 0\.05\): "));
    }

    [Fact]
    public void The_map_of_figure_9_14_lists_every_notebook_of_the_course()
    {
        var numbers = Directory.GetFiles(NotebooksFolder(), "*.ipynb").Select(p => Path.GetFileName(p)[..2]).ToHashSet();
        var mapped = MapRow().Matches(Markdown(Path.Combine(NotebooksFolder(), "12-synthesis.ipynb")))
            .Select(m => m.Groups["n"].Value).ToHashSet();
        Assert.Subset(mapped, numbers);
        Assert.Contains("11", mapped);            // lecture 11 is part of the course even where it is not merged yet
    }

    [Fact]
    public void Quiz_cells_wait_for_an_answer_in_the_committed_notebook() =>
        Assert.Equal(5, notebook.Lines(@"^Q[1-5] · no answer yet").Count);

    /// <summary>
    /// Runs the lecture's own quiz cells in a fresh kernel with every possible answer substituted for the empty one:
    /// the course page's letter must be called correct, each other letter wrong with its own reason, and an empty or
    /// invalid answer must get a message, never an exception.
    /// </summary>
    [Fact]
    public async Task Each_quiz_cell_gives_the_right_verdict_for_right_and_wrong_letters()
    {
        var correct = new Dictionary<int, string> { [1] = "C", [2] = "B", [3] = "B", [4] = "B", [5] = "B" };
        string[] answers = { "A", "B", "C", "D", "", "maybe" };
        string source = Path.Combine(NotebooksFolder(), "12-synthesis.ipynb");
        var original = JsonNode.Parse(File.ReadAllText(source))!;
        var cells = original["cells"]!.AsArray();
        var setup = cells.First(c => (string?)c!["cell_type"] == "code")!;
        var synthetic = new JsonArray { setup.DeepClone() };
        var expectations = new List<(int Question, string Answer)>();
        for (int q = 1; q <= 5; q++)
        {
            var quizCell = cells.Single(c => (string?)c!["cell_type"] == "code" && Source(c!).Contains($"CoursePageQuiz.Q{q}."));
            string text = Source(quizCell!);
            string unset = $"string answerQ{q} = \"\";";
            Assert.Contains(unset, text);
            foreach (string answer in answers)
            {
                var copy = quizCell!.DeepClone();
                copy["source"] = text.Replace(unset, $"string answerQ{q} = \"{answer}\";");
                synthetic.Add(copy);
                expectations.Add((q, answer));
            }
        }
        var notebookJson = original.DeepClone();
        notebookJson["cells"] = synthetic;
        string folder = Directory.CreateTempSubdirectory("quiz12-").FullName;
        try
        {
            string path = Path.Combine(folder, "quiz.ipynb");
            File.WriteAllText(path, notebookJson.ToJsonString());
            var options = new RunnerOptions { BaseDirectory = NotebooksFolder(), CellTimeout = TimeSpan.FromMinutes(20) };
            var result = await new IsolatedNotebookRunner(options).RunAsync(path, Path.Combine(folder, "executed.ipynb"));
            Assert.True(result.Succeeded, result.FailureReport);
            var printed = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "executed.ipynb")))!["cells"]!.AsArray()
                .Skip(1).Select(c => string.Concat((c!["outputs"]?.AsArray() ?? []).Select(o => Text(o!["text"])))).ToList();
            Assert.Equal(expectations.Count, printed.Count);
            for (int i = 0; i < printed.Count; i++)
            {
                var (q, answer) = expectations[i];
                string expectedStart = answer == correct[q] ? $"Q{q} · {answer} is correct."
                    : answer.Length == 1 ? $"Q{q} · {answer} is not right."
                    : answer.Length == 0 ? $"Q{q} · no answer yet" : $"Q{q} · \"{answer}\" is not one of the choices";
                Assert.StartsWith(expectedStart, printed[i].Trim());
            }
            for (int q = 1; q <= 5; q++)      // each wrong letter has its own reason
                Assert.Equal(3, expectations.Select((e, i) => (e, i))
                    .Where(x => x.e.Question == q && x.e.Answer.Length == 1 && x.e.Answer != correct[q])
                    .Select(x => printed[x.i]).Distinct().Count());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Source(JsonNode cell) =>
        cell["source"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)cell["source"] ?? "";

    private static string Text(JsonNode? text) =>
        text is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)text ?? "";

    private static string Markdown(string path) => string.Join("\n", JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray()
        .Where(c => (string?)c!["cell_type"] == "markdown").Select(c => Source(c!)));

    private static string NotebooksFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RegularizationLab.slnx"))) return Path.Combine(dir.FullName, "notebooks");
        throw new InvalidOperationException("cannot find the repository root");
    }

    [GeneratedRegex(@"^(?<setting>\|B\| = \d+|η = [\d.]+)\s+(?<seed>[123])\s+(?<loss>[\d.]+)\s+(?<acc>[\d.]+) ?%\s+(?<s>[\d.]+) ± (?<se>[\d.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SharpRow();

    [GeneratedRegex(@"^(?<method>[A-Za-z0-9() ]+?)\s{2,}.+?\s+(?<trainings>\d)\s+(?<val>[\d.]+) ± [\d.]+\s+(?<test>[\d.]+) ± (?<testsd>[\d.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex CapstoneRow();

    [GeneratedRegex(@"^(?<name>none|σ_w = 0\.0[25])\s+(?<seed>[123])\s+(?<loss>[\d.]+)\s+(?<acc>[\d.]+) ?%\s+(?<s>[\d.]+) ± (?<se>[\d.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex KeptRow();

    [GeneratedRegex(@"^  seed [123]: plain (?<plain>\d+), members (?<members>\d+(?: \d+){4}), ensemble (?<ensemble>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex FlippedFits();

    [GeneratedRegex(@"seed [123] (?<s>-?[\d.]+) ± (?<se>[\d.]+)")]
    private static partial Regex SmallestRadius();

    [GeneratedRegex(@"^\| (?<n>\d\d) \| [^|]+ \|.*●", RegexOptions.Multiline)]
    private static partial Regex MapRow();
}

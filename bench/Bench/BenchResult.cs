using System.Text;

namespace RegularizationLab.Bench;

/// <summary>Median throughputs of one configuration: ours and PyTorch's, single thread and all cores.</summary>
public sealed record BenchResult(BenchConfig Config, double Steps, double? TorchSteps, double StepsAllCores, double? TorchStepsAllCores)
{
    public double GigaFlops => Steps * Config.FlopsPerStep / 1e9;
    public double SamplesPerSecond => Steps * Config.BatchSize;

    private static string Ratio(double ours, double? theirs) => theirs is > 0 ? $"{ours / theirs.Value:0.00}×" : "–";
    private static string Number(double? value) => value is null ? "–" : $"{value.Value:N0}";

    public string ToConsoleLine() =>
        $"{Config.Name,-18} {Steps,10:N0} steps/s  {SamplesPerSecond,12:N0} samples/s  {GigaFlops,6:0.0} GFLOP/s  " +
        $"PyTorch {Number(TorchSteps),8} ({Ratio(Steps, TorchSteps)})  all cores {StepsAllCores:N0} vs {Number(TorchStepsAllCores)}";

    /// <summary>
    /// Two tables. The headline compares like with like: one model, one thread, the course library against PyTorch.
    /// The second shows both cores in use, as the course uses them (independent models of a sweep, one per core)
    /// next to how PyTorch uses them (one model, intra-op threads): different workloads, so its ratio is a throughput
    /// comparison, not a speed-up of the same computation.
    /// </summary>
    public static string MarkdownTable(IEnumerable<BenchResult> rows, int cores)
    {
        var list = rows.ToList();
        var text = new StringBuilder();
        text.AppendLine("| configuration (one model, one thread) | steps/s | samples/s | GFLOP/s | PyTorch steps/s | ratio |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in list)
        {
            text.AppendLine($"| {r.Config.Description} | {r.Steps:N0} | {r.SamplesPerSecond:N0} | {r.GigaFlops:0.0} | " +
                            $"{Number(r.TorchSteps)} | {Ratio(r.Steps, r.TorchSteps)} |");
        }
        text.AppendLine();
        text.AppendLine($"| configuration (all {cores} cores; different workloads) | course: {cores} independent models on " +
                        $"{cores} cores, total steps/s | PyTorch: 1 model, {cores} threads, steps/s | throughput ratio |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var r in list)
        {
            text.AppendLine($"| {r.Config.Description} | {r.StepsAllCores:N0} | {Number(r.TorchStepsAllCores)} | " +
                            $"{Ratio(r.StepsAllCores, r.TorchStepsAllCores)} |");
        }
        return text.ToString();
    }
}

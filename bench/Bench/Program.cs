using System.Globalization;
using System.Text;
using RegularizationLab.Bench;
using RegularizationLab.Numerics;

// Usage: dotnet run --project bench/Bench -c Release -- [--rounds 5] [--seconds 0.4] [--no-pytorch] [--python python3]
//        [--only name] [--markdown file.md]
// Reports steps/s, samples/s and GFLOP/s of the course library on the seeds' configurations, single thread and with
// one model per core (a sweep), next to PyTorch float64 on the CPU when python3 can import torch.
var options = BenchOptions.Parse(args);
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int cores = Environment.ProcessorCount;

Console.WriteLine($"Course library benchmark — {MatrixProducts.InstructionSet}, {cores} cores, " +
                  $"{options.Rounds} interleaved rounds of {options.Seconds} s, medians");
Console.WriteLine($"Load average at start: {LoadAverage()}");
string script = Path.Combine(BenchOptions.FindBenchFolder(), "pytorch_reference.py");
PyTorchReference? torch = null;
if (options.UsePyTorch)
{
    torch = PyTorchReference.TryStart(options.Python, script, out string reason);
    Console.WriteLine(torch is null ? $"PyTorch: not measured ({reason})" : $"PyTorch {torch.Version} (float64, CPU)");
}

var rows = new List<BenchResult>();
foreach (var config in BenchConfig.SeedExperiments.Where(c => options.Only is null || c.Name == options.Only))
{
    var single = new LibraryWorkload(config, seed: 1);
    single.TrainThroughWarmup();
    single.Measure(0.3); // JIT warm-up (tiered compilation reaches optimized code)
    PyTorchReference? twin = config.HasPyTorchTwin ? torch : null;
    twin?.Measure(config.Name, 0.3, 1);

    var ours = new List<double>();
    var theirs = new List<double>();
    for (int round = 0; round < options.Rounds; round++)
    {
        ours.Add(single.Measure(options.Seconds));
        if (twin is not null) theirs.Add(twin.Measure(config.Name, options.Seconds, 1));
    }

    // All cores, two different workloads: the course runs one independent model per core (a λ or ε sweep);
    // PyTorch runs one model with intra-op threads (and as many BLAS threads).
    var sweep = Enumerable.Range(0, cores).Select(i => new LibraryWorkload(config, seed: 1 + i)).ToArray();
    Parallel.For(0, cores, i => { sweep[i].TrainThroughWarmup(); sweep[i].Measure(0.2); });
    var oursAll = new List<double>();
    var theirsAll = new List<double>();
    for (int round = 0; round < Math.Max(1, options.Rounds / 2); round++)
    {
        var perCore = new double[cores];
        Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores },
            i => perCore[i] = sweep[i].Measure(options.Seconds));
        oursAll.Add(perCore.Sum());
        if (twin is not null) theirsAll.Add(twin.Measure(config.Name, options.Seconds, cores));
    }

    var result = new BenchResult(config, Median(ours), theirs.Count > 0 ? Median(theirs) : null,
        Median(oursAll), theirsAll.Count > 0 ? Median(theirsAll) : null);
    rows.Add(result);
    Console.WriteLine(result.ToConsoleLine());
}
torch?.Dispose();
Console.WriteLine($"Load average at end: {LoadAverage()}");

string table = BenchResult.MarkdownTable(rows, cores);
Console.WriteLine();
Console.WriteLine(table);
if (options.MarkdownPath is not null)
{
    File.WriteAllText(options.MarkdownPath, table, Encoding.UTF8);
    Console.WriteLine($"Table written to {options.MarkdownPath}");
}
return 0;

// The 1-, 5- and 15-minute load averages (Linux), to report how busy the machine was while it was measured.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToArray();
    int mid = sorted.Length / 2;
    return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
}

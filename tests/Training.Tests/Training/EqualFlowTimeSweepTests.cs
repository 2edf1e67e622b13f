using RegularizationLab.Data;
using RegularizationLab.Training;

namespace RegularizationLab.Tests.Training.Training;

/// <summary>
/// The fig. 9.5a sweep behind lecture 03 and its full-scale script: T/α steps per learning rate, runs that do not
/// depend on how they are scheduled across cores, and a result file that round-trips bit for bit (which is what lets
/// a test compare a committed file with a fresh run).
/// </summary>
public class EqualFlowTimeSweepTests
{
    // A small MNIST-1D and a short flow time: the same code path as the lecture, in well under a second.
    private static readonly Mnist1DDataset Data = Mnist1D.Generate(new Mnist1DOptions { SampleCount = 400, TrainFraction = 0.5 });
    private static readonly double[] Rates = [0.05, 0.2];
    private static readonly int[] Seeds = [1, 2];

    private static FlowTimeRun[] Run() =>
        EqualFlowTimeSweep.Run(Data.Train, Data.Test, Rates, flowTime: 2, Seeds, batchSize: 20);

    [Fact]
    public void Every_learning_rate_gets_the_same_flow_time()
    {
        Assert.Equal(120_000, EqualFlowTimeSweep.Iterations(6000, 0.05));   // the book's longest run
        Assert.Equal(1_200, EqualFlowTimeSweep.Iterations(600, 0.5));
        var runs = Run();
        Assert.Equal(Rates.Length * Seeds.Length, runs.Length);
        Assert.Equal(Rates.SelectMany(lr => Seeds.Select(s => (lr, s))), runs.Select(r => (r.LearningRate, r.Seed)));
        // 2 / 0.05 = 40 steps = 4 epochs of 10 batches; 2 / 0.2 = 10 steps = 1 epoch.
        Assert.Equal([4, 4, 1, 1], runs.Select(r => r.History.EpochsCompleted));
        Assert.All(runs, r => Assert.Equal(r.Iterations, r.History.StepsCompleted));
    }

    [Fact]
    public void A_sweep_run_is_the_single_run_with_the_same_arguments()
    {
        var runs = Run();
        var single = EqualFlowTimeSweep.TrainOne(Data.Train, Data.Test, 0.2, 20, 10, seed: 2);
        Assert.Equal(single.Points, runs[^1].History.Points);      // records compare every number exactly
    }

    [Fact]
    public void The_result_file_round_trips_exactly_and_detects_any_changed_number()
    {
        var first = FlowTimeSweepResult.Of(2, 20, Run());
        var again = FlowTimeSweepResult.Of(2, 20, Run());
        Assert.True(first.SameAs(again), "two runs of the sweep must agree bit for bit");

        string path = Path.Combine(Path.GetTempPath(), $"flow-time-{Guid.NewGuid():N}.json");
        try
        {
            new FlowTimeSweepFile("test", "MNIST-1D, 400 signals", first, again, 1.5).Save(path);
            var loaded = FlowTimeSweepFile.Load(path);
            Assert.True(loaded.InClass.SameAs(first));
            Assert.True(loaded.FullScale.SameAs(again));
            var changed = first with { Runs = [first.Runs[0] with { TestAccuracy = first.Runs[0].TestAccuracy + 1e-15 }, .. first.Runs[1..]] };
            Assert.False(loaded.InClass.SameAs(changed));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_names_the_script_that_makes_it()
    {
        var e = Assert.Throws<FileNotFoundException>(() => FlowTimeSweepFile.Load(Path.Combine(Path.GetTempPath(), "no-such-flow-time.json")));
        Assert.Contains("tools/full-scale/fig9-5-flow-time.ipynb", e.Message);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => EqualFlowTimeSweep.Iterations(600, 0));
        Assert.Equal("learningRate", e.ParamName);
        Assert.Throws<ArgumentException>(() => EqualFlowTimeSweep.Run(Data.Train, Data.Test, [], 2, Seeds));
    }
}

using RegularizationLab.Data;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;
using RegularizationLab.Regularizers;
using RegularizationLab.Training;

namespace RegularizationLab.Tests.Training.Training;

public class TrainerTests
{
    private static readonly Dataset Moons = TwoMoons.Generate(200, 0.2, 0.05, seed: 4).Data;

    private static (Sequential Net, History History) TrainSmall(int seed, double dropout = 0.3, int epochs = 30,
        Action<Matrix, Random>? transform = null, double lambda = 0.0)
    {
        var net = Mlp.Create(new[] { 2, 16, 16, 2 }, Activation.Tanh, dropout, seed: seed);
        IPenalty? penalty = lambda == 0 ? null : new L2Penalty(lambda, L2Convention.LambdaSumOfSquares);
        var options = new TrainerOptions
        {
            Epochs = epochs, BatchSize = 32, EvaluationInterval = 5, Seed = seed, InputTransform = transform,
            SnapshotEpochs = new[] { 0, 10 },
        };
        var history = new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(0.1, momentum: 0.9, penalty: penalty), options)
            .Train(Moons, validation: Moons, test: Moons);
        return (net, history);
    }

    [Fact]
    public void Same_seed_gives_bit_identical_histories_and_weights()
    {
        var a = TrainSmall(7, transform: InputTransforms.GaussianNoise(0.05));
        var b = TrainSmall(7, transform: InputTransforms.GaussianNoise(0.05));
        Assert.Equal(a.History.TrainLoss, b.History.TrainLoss);   // exact double equality
        Assert.Equal(a.History.ValidationAccuracy, b.History.ValidationAccuracy);
        Assert.Equal(a.History.MeanBatchLoss, b.History.MeanBatchLoss);
        Assert.Equal(a.History.Steps, b.History.Steps);
        Assert.Equal(a.Net.Snapshot().Flatten(), b.Net.Snapshot().Flatten());
        var c = TrainSmall(8, transform: InputTransforms.GaussianNoise(0.05));
        Assert.NotEqual(a.History.TrainLoss, c.History.TrainLoss);
    }

    [Fact]
    public void History_records_the_requested_epochs_steps_and_inference_mode_losses()
    {
        var (net, history) = TrainSmall(3, epochs: 22);
        Assert.Equal(new[] { 0, 5, 10, 15, 20, 22 }, history.Epochs);   // epoch 0, every 5th, and the last
        int stepsPerEpoch = (200 + 31) / 32;                            // 7 (the last batch has 8 examples)
        Assert.Equal(history.Epochs.Select(e => (long)e * stepsPerEpoch), history.Steps);
        Assert.True(double.IsNaN(history.LearningRate[0]));
        Assert.Equal(0.1, history.LearningRate[^1]);
        Assert.True(double.IsNaN(history.MeanBatchLoss[0]));
        Assert.True(history.TrainLoss[^1] < history.TrainLoss[0]);
        // The recorded train loss is the inference-mode (dropout off) loss of the final network.
        var now = Evaluation.Evaluate(net, new SoftmaxCrossEntropy(), Moons);
        Assert.Equal(now.Loss, history.TrainLoss[^1]);
        Assert.Equal(now.Accuracy, history.TrainAccuracy[^1]);
        Assert.Equal(history.TrainLoss, history.TestLoss);   // the same set passed three times
        Assert.Equal(22, history.EpochsCompleted);
        Assert.False(history.Diverged || history.StoppedEarly || history.Cancelled);
    }

    [Fact]
    public void Extra_evaluation_epochs_are_recorded_in_order()
    {
        var net = Mlp.Create(new[] { 2, 8, 2 }, seed: 1);
        var options = new TrainerOptions { Epochs = 12, EvaluationInterval = 5, EvaluationEpochs = new[] { 1, 3, 5 } };
        var history = new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(0.1), options).Train(Moons);
        Assert.Equal(new[] { 0, 1, 3, 5, 10, 12 }, history.Epochs);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(0.1), new TrainerOptions { EvaluationEpochs = new[] { -2 } }));
        Assert.Equal("EvaluationEpochs", e.ParamName);
        Assert.Contains("-2", e.Message);
    }

    [Fact]
    public void Weight_snapshots_are_copies_taken_at_the_requested_epochs()
    {
        var initial = Mlp.Create(new[] { 2, 16, 16, 2 }, Activation.Tanh, 0.3, seed: 3).Snapshot().Flatten();
        var (net, history) = TrainSmall(3, epochs: 12);
        Assert.Equal(new[] { 0, 10 }, history.Snapshots.Select(s => s.Epoch));
        Assert.Equal(initial, history.SnapshotAt(0).Parameters.Flatten());
        Assert.NotEqual(history.SnapshotAt(10).Parameters.Flatten(), net.Snapshot().Flatten());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => history.SnapshotAt(5));
        Assert.Contains("[0, 10]", e.Message);
    }

    [Fact]
    public void Parallel_sweep_equals_the_sequential_sweep()
    {
        double[] lambdas = { 0.0, 0.001, 0.01 };
        Func<SweepContext<double>, (double[] Weights, double[] Loss)> trainOne = c =>
        {
            var (net, history) = TrainSmall(5, epochs: 15, lambda: c.Value);
            return (net.Snapshot().Flatten(), history.TrainLoss);
        };
        var parallel = Sweep.Run(lambdas, trainOne, new SweepOptions { Parallel = true, MaxDegreeOfParallelism = 3 });
        var sequential = Sweep.Run(lambdas, trainOne, new SweepOptions { Parallel = false });
        for (int i = 0; i < lambdas.Length; i++)
        {
            Assert.Equal(lambdas[i], parallel[i].Value);
            Assert.Equal(sequential[i].Result.Weights, parallel[i].Result.Weights);
            Assert.Equal(sequential[i].Result.Loss, parallel[i].Result.Loss);
        }
        Assert.NotEqual(parallel[0].Result.Weights, parallel[2].Result.Weights);   // λ does matter
    }

    [Fact]
    public void Sweep_reports_combined_progress_and_surfaces_a_models_own_error()
    {
        var reports = new List<SweepProgress>();
        Sweep.Run(new[] { 1, 2 }, c => c.Value, new SweepOptions { Progress = p => { lock (reports) reports.Add(p); } });
        Assert.Equal(2, reports[^1].Completed);
        Assert.True(reports[^1].Finished);
        Assert.All(reports[^1].Lines, line => Assert.EndsWith(": done", line));       // every model's own line says so
        Assert.Matches(@"^2/2 models done · \d+\.\d s$", reports[^1].ToString());   // a finished sweep shows one line
        var running = reports[^1] with { Completed = 1 };
        Assert.Contains("2: done", running.ToString());                             // a running one shows every model
        var e = Assert.Throws<InvalidOperationException>(() =>
            Sweep.Run(new[] { 1, 2 }, c => c.Value == 2 ? throw new InvalidOperationException("model 2 failed") : c.Value));
        Assert.Equal("model 2 failed", e.Message);
    }

    [Fact]
    public void Early_stopping_restores_the_best_checkpoint()
    {
        // 30% flipped labels and a wide net: the validation loss rises once the net starts memorizing flips.
        var noisy = TwoMoons.Generate(300, 0.25, 0.3, seed: 2).Data;
        var split = DataSplit.Split(noisy, 0.3, 0.0, seed: 2, stratified: true);
        var net = Mlp.Create(new[] { 2, 64, 64, 2 }, Activation.Tanh, seed: 2);
        var options = new TrainerOptions
        {
            Epochs = 3000, BatchSize = 210, EvaluationInterval = 10, Seed = 2, EarlyStopping = new EarlyStopping(patience: 10),
        };
        var history = new Trainer(net, new SoftmaxCrossEntropy(), new Adam(0.01), options).Train(split.Train, split.Validation);
        Assert.True(history.StoppedEarly, history.ToString());
        Assert.True(history.RestoredBest);
        Assert.True(history.EpochsCompleted < 3000);
        Assert.Equal(history.BestEpoch + 10 * 10, history.EpochsCompleted);   // patience 10 evaluations × interval 10
        int bestIndex = Array.IndexOf(history.Epochs, history.BestEpoch);
        Assert.Equal(history.BestValidationLoss, history.ValidationLoss[bestIndex]);
        Assert.Equal(history.ValidationLoss.Min(), history.BestValidationLoss);
        // The network now holds the best parameters: its validation loss is exactly the recorded best.
        Assert.Equal(history.BestValidationLoss, Evaluation.Evaluate(net, new SoftmaxCrossEntropy(), split.Validation!).Loss);
        Assert.True(history.ValidationLoss[^1] > history.BestValidationLoss);
    }

    [Fact]
    public void An_absurd_learning_rate_stops_with_the_step_and_last_finite_loss()
    {
        var toy = RegressionToy.Generate(seed: 1).ToDataset();
        var net = Mlp.Create(new[] { 1, 32, 1 }, Activation.Relu, seed: 1);
        var options = new TrainerOptions { Epochs = 1000, BatchSize = 5, Seed = 1 };
        var history = new Trainer(net, new MeanSquaredError(), new Sgd(1e3), options).Train(toy);
        Assert.True(history.Diverged);
        DivergenceReport report = history.Divergence!;
        Assert.Contains($"step {report.Step}", history.DivergenceMessage);
        Assert.Contains($"last finite loss was {report.LastFiniteLoss:G6}", history.DivergenceMessage);
        Assert.Contains("learning rate (1000) is too high", history.DivergenceMessage);
        Assert.True(double.IsFinite(report.LastFiniteLoss));
        Assert.Equal(report.Step - 1, report.LastFiniteStep);
        Assert.True(report.Epoch < 1000);
        Assert.Contains(history.DivergenceMessage!, history.ToString());

        var throwing = new Trainer(Mlp.Create(new[] { 1, 32, 1 }, Activation.Relu, seed: 1), new MeanSquaredError(), new Sgd(1e3),
            options with { ThrowOnDivergence = true });
        var e = Assert.Throws<TrainingDivergedException>(() => throwing.Train(toy));
        Assert.Equal(history.DivergenceMessage, e.Message);
    }

    [Fact]
    public void A_cross_entropy_run_wrecked_by_a_huge_learning_rate_gets_a_warning()
    {
        // Cross-entropy stays finite (log-sum-exp of huge logits), so this run does not "diverge", but it is useless.
        var net = Mlp.Create(new[] { 2, 64, 64, 2 }, Activation.Tanh, seed: 1);
        var history = new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(1e3, momentum: 0.9),
            new TrainerOptions { Epochs = 50, EvaluationInterval = 10 }).Train(Moons);
        Assert.False(history.Diverged);
        string warning = Assert.Single(history.Warnings);
        Assert.Contains($"grew from {history.TrainLoss[0]:G4}", warning);
        Assert.Contains("learning rate (1000) is probably too high", warning);
        Assert.Contains(warning, history.ToString());
        Assert.Empty(TrainSmall(1, epochs: 10).History.Warnings);
    }

    [Fact]
    public void Progress_is_reported_every_n_epochs_and_at_the_end()
    {
        var reports = new List<TrainingProgress>();
        var net = Mlp.Create(new[] { 2, 8, 2 }, seed: 1);
        var options = new TrainerOptions { Epochs = 50, ProgressEveryEpochs = 10, Progress = reports.Add, EvaluationInterval = 10 };
        new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(0.1), options).Train(Moons);
        Assert.Equal(new[] { 10, 20, 30, 40, 50, 50 }, reports.Select(r => r.Epoch));
        Assert.True(reports[^1].Finished);
        Assert.Contains("epoch 10/50 (20%)", reports[0].ToString());
        Assert.Contains("done", reports[^1].ToString());
    }

    [Fact]
    public void Time_throttled_progress_reports_from_the_first_step_and_at_the_end()
    {
        // Default mode (ProgressEveryEpochs = 0): by wall-clock time. A zero interval reports every step.
        var reports = new List<TrainingProgress>();
        var net = Mlp.Create(new[] { 2, 8, 2 }, seed: 1);
        var options = new TrainerOptions { Epochs = 3, BatchSize = 100, Progress = reports.Add, ProgressInterval = TimeSpan.Zero };
        new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(0.1), options).Train(Moons);
        Assert.Equal(1, reports[0].Step);
        Assert.Contains(reports, r => r.Step == 6 && !r.Finished);
        Assert.True(reports[^1].Finished);

        var slow = new List<TrainingProgress>();
        new Trainer(Mlp.Create(new[] { 2, 8, 2 }, seed: 1), new SoftmaxCrossEntropy(), new Sgd(0.1),
            options with { Progress = slow.Add, ProgressInterval = TimeSpan.FromHours(1) }).Train(Moons);
        Assert.Equal(2, slow.Count);   // the first step, then the final report
        Assert.True(slow[1].Finished);
    }

    [Fact]
    public void Evaluation_objective_replaces_the_smoothed_loss_in_the_history()
    {
        History Run(Objective? evaluation)
        {
            var net = Mlp.Create(new[] { 2, 8, 2 }, seed: 1);
            var options = new TrainerOptions { Epochs = 5, EvaluationInterval = 5, EvaluationObjective = evaluation };
            return new Trainer(net, new SoftmaxCrossEntropy(0.2), new Sgd(0.1), options).Train(Moons);
        }
        History smoothed = Run(null), plain = Run(new SoftmaxCrossEntropy());
        Assert.Equal(smoothed.TrainAccuracy, plain.TrainAccuracy);   // same training, only the recorded loss differs
        Assert.NotEqual(smoothed.TrainLoss[^1], plain.TrainLoss[^1]);
        var net = Mlp.Create(new[] { 2, 8, 2 }, seed: 1);
        Assert.Equal(Evaluation.Evaluate(net, new SoftmaxCrossEntropy(), Moons).Loss, plain.TrainLoss[0]);
        var e = Assert.Throws<ArgumentException>(() => new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(0.1),
            new TrainerOptions { EvaluationObjective = new MeanSquaredError() }).Train(Moons));
        Assert.Contains("both be classification or both regression", e.Message);
    }

    [Fact]
    public void Training_continues_when_called_again()
    {
        var net = Mlp.Create(new[] { 2, 8, 2 }, seed: 1);
        var trainer = new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(0.1), new TrainerOptions { Epochs = 5, EvaluationInterval = 5 });
        var first = trainer.Train(Moons);
        var second = trainer.Train(Moons);
        Assert.Equal(new[] { 0, 5 }, first.Epochs);
        Assert.Equal(new[] { 10 }, second.Epochs);
        Assert.Equal(10, trainer.EpochsCompleted);
    }

    [Fact]
    public void Cancellation_returns_the_history_so_far()
    {
        using var source = new CancellationTokenSource();
        var net = Mlp.Create(new[] { 2, 8, 2 }, seed: 1);
        var options = new TrainerOptions
        {
            Epochs = 1000, EvaluationInterval = 100, Cancellation = source.Token, ProgressEveryEpochs = 3,
            Progress = p => { if (p.Epoch >= 3) source.Cancel(); },
        };
        var history = new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(0.1), options).Train(Moons);
        Assert.True(history.Cancelled);
        Assert.Equal(4, history.EpochsCompleted);   // cancelled after epoch 3's report, noticed after epoch 4
        Assert.Equal(4, history.Epochs[^1]);
    }

    [Fact]
    public void Bad_input_gets_messages_naming_the_argument_and_value()
    {
        var net = Mlp.Create(new[] { 3, 8, 2 }, seed: 1);
        var trainer = new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(0.1));
        var e1 = Assert.Throws<ArgumentException>(() => trainer.Train(Moons));
        Assert.Equal("train", e1.ParamName);
        Assert.Contains("2 features", e1.Message);
        Assert.Contains("expects 3 inputs", e1.Message);

        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(0.1), new TrainerOptions { BatchSize = 0 }));
        Assert.Equal("BatchSize", e2.ParamName);
        Assert.Contains("got 0", e2.Message);

        var small = Mlp.Create(new[] { 2, 8, 2 }, seed: 1);
        var early = new Trainer(small, new SoftmaxCrossEntropy(), new Sgd(0.1),
            new TrainerOptions { EarlyStopping = new EarlyStopping(3) });
        var e3 = Assert.Throws<ArgumentNullException>(() => early.Train(Moons));
        Assert.Equal("validation", e3.ParamName);

        var e4 = Assert.Throws<ArgumentException>(() => new Trainer(small, new MeanSquaredError(), new Sgd(0.1)).Train(Moons));
        Assert.Contains("needs regression targets", e4.Message);

        var e5 = Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(0));
        Assert.Equal("patience", e5.ParamName);
        var e6 = Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(3, minDelta: -1));
        Assert.Equal("minDelta", e6.ParamName);
    }
}

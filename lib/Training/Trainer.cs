using System.Diagnostics;
using RegularizationLab.Data;
using RegularizationLab.Layers;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;

namespace RegularizationLab.Training;

/// <summary>
/// Mini-batch training of a network: each epoch visits the training set in a fresh seeded random order, in batches of
/// <see cref="TrainerOptions.BatchSize"/>; for each batch
///     outputs = f(x_batch; θ)  (training mode: dropout on)  →  L_batch, ∂L/∂outputs  →  backward  →  optimizer step.
/// At the chosen epochs it evaluates the data loss and accuracy on the train/validation/test sets in inference mode
/// and records them in a <see cref="History"/>. The hot loop allocates nothing: batch matrices are reused.
/// Calling <see cref="Train"/> again continues training (epochs and steps keep counting).
/// </summary>
public sealed class Trainer
{
    private readonly Random _shuffleRandom;
    private readonly Random _transformRandom;
    private int _epochsDone;
    private long _stepsDone;

    public Trainer(Sequential network, Objective objective, IOptimizer optimizer, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(optimizer);
        Options = options ?? new TrainerOptions();
        Options.Validate();
        Network = network;
        Objective = objective;
        Optimizer = optimizer;
        // Two independent streams: switching augmentation on or off does not change the shuffling order.
        _shuffleRandom = new Random(Options.Seed);
        _transformRandom = new Random(unchecked(Options.Seed * 31 + 977));
    }

    public Sequential Network { get; }
    public Objective Objective { get; }
    public IOptimizer Optimizer { get; }
    public TrainerOptions Options { get; }

    /// <summary>Epochs completed over all calls of <see cref="Train"/>.</summary>
    public int EpochsCompleted => _epochsDone;

    /// <summary>
    /// Trains for <see cref="TrainerOptions.Epochs"/> epochs (fewer if early stopping, divergence or cancellation
    /// ends the run) and returns what happened. Never throws for a diverging loss unless
    /// <see cref="TrainerOptions.ThrowOnDivergence"/> is set: check <see cref="History.Diverged"/>.
    /// </summary>
    public History Train(Dataset train, Dataset? validation = null, Dataset? test = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (Options.EvaluationObjective is { } evaluationObjective && evaluationObjective.IsClassification != Objective.IsClassification)
            throw new ArgumentException(
                $"EvaluationObjective ({evaluationObjective.Name}) and the training objective ({Objective.Name}) must both be " +
                "classification or both regression losses.", nameof(Options.EvaluationObjective));
        Objective.CheckCompatible(train, Network.InputWidth, Network.OutputWidth, nameof(train));
        if (validation is not null) Objective.CheckCompatible(validation, Network.InputWidth, Network.OutputWidth, nameof(validation));
        if (test is not null) Objective.CheckCompatible(test, Network.InputWidth, Network.OutputWidth, nameof(test));
        TrainerOptions o = Options;
        if (o.EarlyStopping is not null && validation is null)
            throw new ArgumentNullException(nameof(validation),
                "Early stopping monitors the validation loss, so it needs a validation set; pass one (see DataSplit.Split) or remove EarlyStopping.");

        var stopwatch = Stopwatch.StartNew();
        var history = new History();
        var run = new RunState(this, train, validation, test, history, stopwatch);

        var batches = new ShuffledBatches(train.Count, o.BatchSize, _shuffleRandom, o.DropLastPartialBatch);
        var full = new BatchBuffers(batches.BatchSize, train, Network.OutputWidth);
        BatchBuffers? partial = batches.PartialBatchSize > 0 ? new BatchBuffers(batches.PartialBatchSize, train, Network.OutputWidth) : null;

        if (_epochsDone == 0)
        {
            run.RecordPoint(0);
            if (o.SnapshotEpochs?.Contains(0) == true) history.AddSnapshot(new WeightSnapshot(0, 0, Network.Snapshot()));
        }

        int targetEpoch = _epochsDone + o.Epochs;
        bool stop = false;
        while (_epochsDone < targetEpoch && !stop)
        {
            int epoch = _epochsDone + 1;
            foreach (ArraySegment<int> batch in batches.NextEpoch())
            {
                BatchBuffers buffers = batch.Count == full.Features.Rows ? full : partial!;
                buffers.Gather(train, batch);
                o.InputTransform?.Invoke(buffers.Features, _transformRandom);

                Matrix outputs = Network.Forward(buffers.Features, training: true);
                double loss = Objective.Compute(outputs, buffers.Labels, buffers.Targets, buffers.Gradient);
                _stepsDone++;
                if (!double.IsFinite(loss))
                {
                    run.ReportDivergence(_stepsDone, epoch, loss, Optimizer.CurrentLearningRate);
                    stop = true;
                    break;
                }
                run.ObserveBatchLoss(loss, _stepsDone);
                Network.BackwardParametersOnly(buffers.Gradient);
                Optimizer.Step(Network.Parameters);
                run.MaybeReportProgress(epoch, targetEpoch, _stepsDone, loss, finished: false);
            }
            if (stop) break;

            _epochsDone = epoch;
            history.EpochsCompleted = _epochsDone;
            history.StepsCompleted = _stepsDone;
            bool last = _epochsDone == targetEpoch;
            bool cancelled = o.Cancellation.IsCancellationRequested;
            if (last || cancelled || _epochsDone % o.EvaluationInterval == 0 || o.EvaluationEpochs?.Contains(_epochsDone) == true)
                stop = run.RecordPoint(_epochsDone);   // true when early stopping says so
            if (o.SnapshotEpochs?.Contains(_epochsDone) == true)
                history.AddSnapshot(new WeightSnapshot(_epochsDone, _stepsDone, Network.Snapshot()));
            if (cancelled) { history.Cancelled = true; stop = true; }
            run.MaybeReportProgress(_epochsDone, targetEpoch, _stepsDone, double.NaN, finished: false, epochEnd: true);
            if (stop && !history.Cancelled && !last && run.EarlyStopTriggered) history.StoppedEarly = true;
        }

        run.Finish();
        history.EpochsCompleted = _epochsDone;
        history.StepsCompleted = _stepsDone;
        history.Elapsed = stopwatch.Elapsed;
        run.MaybeReportProgress(_epochsDone, targetEpoch, _stepsDone, double.NaN, finished: true);
        if (history.Divergence is { } report && o.ThrowOnDivergence) throw new TrainingDivergedException(report);
        return history;
    }

    /// <summary>The per-run bookkeeping: evaluations, early stopping, progress, divergence.</summary>
    private sealed class RunState(Trainer trainer, Dataset train, Dataset? validation, Dataset? test, History history, Stopwatch stopwatch)
    {
        private double _batchLossSum;
        private int _batchLossCount;
        private double _lastFiniteLoss = double.NaN;
        private long _lastFiniteStep;
        private double _latestTrainLoss = double.NaN, _latestValidationLoss = double.NaN;
        private TimeSpan? _lastProgress;
        private int _evaluationsWithoutImprovement;
        private ParameterSnapshot? _best;

        public bool EarlyStopTriggered { get; private set; }

        public void ObserveBatchLoss(double loss, long step)
        {
            _batchLossSum += loss;
            _batchLossCount++;
            _lastFiniteLoss = loss;
            _lastFiniteStep = step;
        }

        /// <summary>Evaluates and records a point; returns true when early stopping wants to stop.</summary>
        public bool RecordPoint(int epoch)
        {
            TrainerOptions o = trainer.Options;
            Objective objective = o.EvaluationObjective ?? trainer.Objective;
            EvaluationResult t = Evaluation.Evaluate(trainer.Network, objective, train, o.EvaluationChunkSize);
            EvaluationResult v = validation is null ? new(double.NaN, double.NaN)
                : Evaluation.Evaluate(trainer.Network, objective, validation, o.EvaluationChunkSize);
            EvaluationResult s = test is null ? new(double.NaN, double.NaN)
                : Evaluation.Evaluate(trainer.Network, objective, test, o.EvaluationChunkSize);
            double rate = trainer.Optimizer.StepCount == 0 ? double.NaN : trainer.Optimizer.CurrentLearningRate;
            double meanBatch = _batchLossCount == 0 ? double.NaN : _batchLossSum / _batchLossCount;
            _batchLossSum = 0;
            _batchLossCount = 0;
            history.Add(new HistoryPoint(epoch, trainer._stepsDone, t.Loss, t.Accuracy, v.Loss, v.Accuracy, s.Loss, s.Accuracy,
                rate, meanBatch));
            _latestTrainLoss = t.Loss;
            _latestValidationLoss = v.Loss;
            WarnIfLossExploded(epoch, t.Loss);

            if (o.EarlyStopping is not { } early) return false;
            if (double.IsNaN(history.BestValidationLoss) || v.Loss < history.BestValidationLoss - early.MinDelta)
            {
                history.BestValidationLoss = v.Loss;
                history.BestEpoch = epoch;
                _evaluationsWithoutImprovement = 0;
                if (early.RestoreBest) _best = trainer.Network.Snapshot();
                return false;
            }
            _evaluationsWithoutImprovement++;
            if (_evaluationsWithoutImprovement < early.Patience) return false;
            EarlyStopTriggered = true;
            return true;
        }

        private double _initialTrainLoss = double.NaN;
        private bool _warnedExplosion;

        /// <summary>A finite loss 10× above the first recorded one (and above 1) means the updates are overshooting.</summary>
        private void WarnIfLossExploded(int epoch, double trainLoss)
        {
            if (double.IsNaN(_initialTrainLoss)) { _initialTrainLoss = trainLoss; return; }
            if (_warnedExplosion || !(trainLoss > 10 * _initialTrainLoss && trainLoss > 1)) return;
            _warnedExplosion = true;
            history.AddWarning(
                $"Warning: the training loss grew from {_initialTrainLoss:G4} to {trainLoss:G4} by epoch {epoch}. The learning rate " +
                $"({trainer.Optimizer.CurrentLearningRate:G4}) is probably too high: the updates overshoot. Try one 10× smaller.");
        }

        public void ReportDivergence(long step, int epoch, double loss, double learningRate)
        {
            string kind = double.IsNaN(loss) ? "NaN" : loss > 0 ? "+∞" : "−∞";
            string last = double.IsNaN(_lastFiniteLoss)
                ? "There was no finite loss before it: the very first step failed."
                : $"The last finite loss was {_lastFiniteLoss:G6} at step {_lastFiniteStep}.";
            string cause = double.IsNaN(_lastFiniteLoss)
                ? "Likely cause: the inputs or the initial weights already give a non-finite output (check the data for " +
                  "huge values), or the learning rate is so high that the first update overflowed."
                : $"Likely cause: the learning rate ({learningRate:G4}) is too high, so each update overshoots and the weights " +
                  "grow until the outputs overflow. Try a learning rate 10× smaller (or a schedule that decays it).";
            string message = $"Training diverged at step {step} (epoch {epoch}): the mini-batch loss became {kind}. {last} {cause}";
            history.Divergence = new DivergenceReport(step, epoch, loss, _lastFiniteLoss, _lastFiniteStep, learningRate, message);
        }

        public void MaybeReportProgress(int epoch, int totalEpochs, long step, double batchLoss, bool finished, bool epochEnd = false)
        {
            Action<TrainingProgress>? progress = trainer.Options.Progress;
            if (progress is null) return;
            TimeSpan now = stopwatch.Elapsed;
            int everyEpochs = trainer.Options.ProgressEveryEpochs;
            if (!finished)
            {
                if (everyEpochs > 0 && (!epochEnd || epoch % everyEpochs != 0)) return;
                if (everyEpochs == 0 && _lastProgress is { } last && now - last < trainer.Options.ProgressInterval) return;
            }
            _lastProgress = now;
            progress(new TrainingProgress(epoch, totalEpochs, step, _latestTrainLoss, _latestValidationLoss,
                double.IsNaN(batchLoss) ? _lastFiniteLoss : batchLoss, now, finished));
        }

        public void Finish()
        {
            if (_best is not null && trainer.Options.EarlyStopping?.RestoreBest == true)
            {
                trainer.Network.Restore(_best);
                history.RestoredBest = true;
            }
        }
    }

    /// <summary>Reusable matrices for one batch size: inputs, labels or targets, and ∂L/∂outputs.</summary>
    private sealed class BatchBuffers
    {
        public BatchBuffers(int rows, Dataset data, int outputs)
        {
            Features = new Matrix(rows, data.FeatureCount);
            LabelArray = data.Labels is null ? Array.Empty<int>() : new int[rows];
            Targets = data.Targets is null ? null : new Matrix(rows, data.Targets.Cols);
            Gradient = new Matrix(rows, outputs);
        }

        public Matrix Features { get; }
        public int[] LabelArray { get; }
        public ReadOnlySpan<int> Labels => LabelArray;
        public Matrix? Targets { get; }
        public Matrix Gradient { get; }

        /// <summary>Copies the examples of <paramref name="batch"/> (as many as the buffers have rows) into the buffers.</summary>
        public void Gather(Dataset data, ArraySegment<int> batch)
        {
            int rows = Features.Rows, d = Features.Cols;
            double[] source = data.Features.Data, destination = Features.Data;
            for (int i = 0; i < rows; i++)
            {
                int example = batch[i];
                Array.Copy(source, example * d, destination, i * d, d);
                if (LabelArray.Length > 0) LabelArray[i] = data.Labels![example];
                if (Targets is not null)
                {
                    int m = Targets.Cols;
                    Array.Copy(data.Targets!.Data, example * m, Targets.Data, i * m, m);
                }
            }
        }
    }
}

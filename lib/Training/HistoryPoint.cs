namespace RegularizationLab.Training;

/// <summary>
/// One evaluation during training. Losses are the mean data loss (no penalty term) on the whole set in inference mode
/// (dropout off, no input noise/augmentation); accuracies are fractions in [0, 1]. NaN means "not measured"
/// (no validation/test set, or a regression objective for accuracies).
/// </summary>
/// <param name="Epoch">Epochs completed (0 = before training).</param>
/// <param name="Step">Optimizer steps (mini-batches) completed.</param>
/// <param name="TrainLoss">Mean data loss on the training set (inference mode).</param>
/// <param name="TrainAccuracy">Accuracy on the training set (inference mode).</param>
/// <param name="ValidationLoss">Mean data loss on the validation set.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation set.</param>
/// <param name="TestLoss">Mean data loss on the test set.</param>
/// <param name="TestAccuracy">Accuracy on the test set.</param>
/// <param name="LearningRate">The learning rate of the most recent step (NaN before the first).</param>
/// <param name="MeanBatchLoss">Mean of the mini-batch losses since the previous point, as seen by the optimizer
/// (dropout on, transformed inputs): the noisy curve of a training log. NaN at epoch 0.</param>
public sealed record HistoryPoint(
    int Epoch, long Step,
    double TrainLoss, double TrainAccuracy,
    double ValidationLoss, double ValidationAccuracy,
    double TestLoss, double TestAccuracy,
    double LearningRate, double MeanBatchLoss);

/// <summary>A copy of every parameter after <paramref name="Epoch"/> epochs (0 = the initialization).</summary>
public sealed record WeightSnapshot(int Epoch, long Step, Layers.ParameterSnapshot Parameters);

namespace RegularizationLab.Training;

/// <summary>A progress report: where training is and the latest numbers (NaN where not measured yet).</summary>
public sealed record TrainingProgress(
    int Epoch, int TotalEpochs, long Step, double TrainLoss, double ValidationLoss, double LastBatchLoss,
    TimeSpan Elapsed, bool Finished)
{
    /// <summary>Fraction of the planned epochs done, 0 … 1.</summary>
    public double Fraction => TotalEpochs == 0 ? 1 : Math.Min(1, (double)Epoch / TotalEpochs);

    /// <summary>A one-line status such as "epoch 120/1000 (12%) · step 960 · train loss 0.2345 · val 0.3100 · 1.2 s".</summary>
    public override string ToString()
    {
        string loss = double.IsNaN(TrainLoss) ? $"batch loss {LastBatchLoss:F4}" : $"train loss {TrainLoss:F4}";
        string validation = double.IsNaN(ValidationLoss) ? "" : $" · val {ValidationLoss:F4}";
        string done = Finished ? " · done" : "";
        return $"epoch {Epoch}/{TotalEpochs} ({Fraction * 100:F0}%) · step {Step} · {loss}{validation} · {Elapsed.TotalSeconds:F1} s{done}";
    }
}

using RegularizationLab.Errors;

namespace RegularizationLab.Training;

/// <summary>
/// Early stopping (textbook §9.2.3): monitor the validation loss at every evaluation, keep a copy of the parameters
/// where it was lowest, and stop once it has not improved by more than <see cref="MinDelta"/> for
/// <see cref="Patience"/> consecutive evaluations. With <see cref="RestoreBest"/> the network ends with the best
/// parameters, so its validation loss equals <see cref="History.BestValidationLoss"/>.
/// Patience counts evaluations, not epochs: with EvaluationInterval = 10 and Patience = 5 training stops 50 epochs
/// after the best one.
/// </summary>
public sealed record EarlyStopping
{
    public EarlyStopping(int patience, double minDelta = 0.0, bool restoreBest = true)
    {
        Guard.Positive(patience, nameof(patience));
        Guard.NonNegative(minDelta, nameof(minDelta));
        Patience = patience;
        MinDelta = minDelta;
        RestoreBest = restoreBest;
    }

    public int Patience { get; }
    public double MinDelta { get; }
    public bool RestoreBest { get; }
}

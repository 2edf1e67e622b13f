using RegularizationLab.Data;
using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Transfer;

/// <summary>
/// Generative self-supervised learning (Prince, §9.3.7; the DL4DS slides' "mask out part of the training data, train
/// the model to infer the missing data"): the input is a corrupted copy of an unlabelled example, the target is the
/// example itself. With the trainer this needs no new loop: a data set whose targets are the clean inputs, and an
/// input transform that masks each training batch in place (evaluation sees unmasked inputs).
/// </summary>
public static class MaskedReconstruction
{
    /// <summary>The pretext data set: features = <paramref name="unlabelled"/>, targets = a copy of it (no labels used).</summary>
    public static Dataset PretextData(Matrix unlabelled)
    {
        ArgumentNullException.ThrowIfNull(unlabelled);
        Guard.AllFinite(unlabelled, nameof(unlabelled));
        return new Dataset(unlabelled, unlabelled.Clone());
    }

    /// <summary>
    /// Sets each input value of a batch to 0 independently with probability <paramref name="fraction"/> (a random
    /// mask drawn from the trainer's seeded generator): the network must fill in the hidden values from the rest.
    /// </summary>
    public static Action<Matrix, Random> RandomMask(double fraction)
    {
        Guard.InHalfOpenRange(fraction, 0.0, 1.0, nameof(fraction));
        return (batch, random) =>
        {
            double[] values = batch.Data;
            for (int i = 0; i < values.Length; i++)
                if (random.NextDouble() < fraction) values[i] = 0.0;
        };
    }

    /// <summary>
    /// A copy of <paramref name="images"/> masked as in training (<see cref="RandomMask"/>), from new Random(<paramref
    /// name="seed"/>): what the pretext network is asked to complete. The same seed draws the same number for each
    /// value, so a larger <paramref name="fraction"/> hides every value a smaller one hid, and more.
    /// </summary>
    public static Matrix MaskedCopy(Matrix images, double fraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(images);
        Matrix copy = images.Clone();
        RandomMask(fraction)(copy, new Random(seed));
        return copy;
    }
}

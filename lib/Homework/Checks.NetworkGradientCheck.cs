using RegularizationLab.Numerics;

namespace RegularizationLab.Homework;

public static partial class Checks
{
    /// <summary>The relative error a gradient check must report for a correct network, and must exceed for a buggy one.</summary>
    public const double CorrectBelow = 1e-6, BuggyAbove = 1e-3;

    private sealed record NetworkCase(double P, int Seed, int Examples, DropoutNetwork.PlantedBug Bug, Matrix X);

    /// <summary>
    /// Checks the student's finite-difference gradient check of a whole network with dropout
    /// (<see cref="DropoutNetwork"/>): each case runs it on a correct network and on the same network with a planted
    /// backward-pass bug, and passes only when it reports a relative error ≤ 1e-6 for the first and ≥ 1e-3 for the
    /// second (so neither "always fine" nor "always broken" earns a case). The masks must be fixed by the student.
    /// </summary>
    public static CheckResult NetworkGradientCheck(Func<DropoutNetwork, Matrix, double> gradientCheckError, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var rng = new Random(options.Seed);
        var cases = new List<CheckCase<NetworkCase>>();
        var bugs = new[] { DropoutNetwork.PlantedBug.MissingScaleInBackward, DropoutNetwork.PlantedBug.MaskIgnoredInBackward };
        double[] ps = options.Kind == CheckKind.Public ? [0.3, 0.5] : [0.2, 0.4, 0.6];
        foreach (var p in ps)
            foreach (var bug in bugs)
            {
                int examples = 1 + rng.Next(4);
                var x = new Matrix(examples, 2);
                for (int i = 0; i < x.Length; i++) x.Data[i] = 2 * rng.NextDouble() - 1;
                cases.Add(new CheckCase<NetworkCase>(new NetworkCase(p, rng.Next(1, 10_000), examples, bug, x), examples));
            }

        var check = new FunctionCheck<NetworkCase, (double Correct, double Buggy)>
        {
            Name = "network_gradient_check",
            Call = input => $"GradientCheckError on a 2 → 8 → 8 → 2 network with p = {Show.Number(input.P)} and {input.Examples} example(s) " +
                            $"(correct, then with {(input.Bug == DropoutNetwork.PlantedBug.MissingScaleInBackward ? "the 1/(1−p) missing in a backward pass" : "a backward pass that ignores the mask")})",
            Reference = _ => (0, 1),
            Cases = cases,
            Copy = input => input with { X = input.X.Clone() },
            InputFingerprint = input => Show.Fingerprint(input.X.Data),
            Compare = (_, _, got) =>
                !(got.Correct <= CorrectBelow)
                    ? new Mismatch($"≤ {Show.Number(CorrectBelow)} on the correct network", Show.Number(got.Correct), "your check flags a correct backward pass")
                : !(got.Buggy >= BuggyAbove)
                    ? new Mismatch($"≥ {Show.Number(BuggyAbove)} on the buggy network", Show.Number(got.Buggy), "your check misses a planted bug")
                : null,
            Verified = "two planted backward-pass bugs, each next to the correct network",
            Criterion = $"relative error ≤ {Show.Number(CorrectBelow)} when correct, ≥ {Show.Number(BuggyAbove)} when buggy",
            Hint = "compare net.InputGradient(x) with central differences (L(x + h) − L(x − h))/2h, entry by entry, and return "
                   + "‖analytic − numeric‖ / max(‖analytic‖ + ‖numeric‖, 1e-12).",
            Diagnose = (_, _, got) =>
                got.Correct is > 1e-3 and < double.PositiveInfinity
                    ? "a correct network looks wrong to your check: every call of Loss and InputGradient draws new dropout masks, "
                      + "so the differences measure the noise of the masks. Fix the masks first (net.FreezeMasks(seed))."
                : double.IsNaN(got.Correct) || double.IsNaN(got.Buggy) ? "your check returned NaN: guard the division by ‖a‖ + ‖n‖ when both are 0."
                : null,
        };
        return Report(check.Run(input => (
            gradientCheckError(new DropoutNetwork(input.P, input.Seed), input.X),
            gradientCheckError(new DropoutNetwork(input.P, input.Seed, input.Bug), input.X)), options));
    }
}

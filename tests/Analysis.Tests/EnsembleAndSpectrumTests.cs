using RegularizationLab.Diagnostics;
using RegularizationLab.Ensembles;
using RegularizationLab.Layers;
using RegularizationLab.Metrics;
using RegularizationLab.Numerics;

namespace RegularizationLab.Analysis.Tests;

/// <summary>The library parts of lectures 05 and 06: the weight-change spectrum (blog fig. 10), the ensemble
/// combination rules, the ambiguity decomposition and weight averaging.</summary>
public class EnsembleAndSpectrumTests
{
    private static Matrix Random(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var m = new Matrix(rows, cols);
        for (int i = 0; i < m.Length; i++) m.Data[i] = rng.NextGaussian();
        return m;
    }

    /// <summary>An orthonormal basis of ℝᵈ as rows: the eigenvectors of a random symmetric matrix.</summary>
    private static Matrix Basis(int d, int seed)
    {
        Matrix a = Random(d, d, seed);
        var s = new Matrix(d, d);
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) s[i, j] = a[i, j] + a[j, i];
        return SymmetricEigen.Decompose(s).Vectors;
    }

    [Fact]
    public void A_change_along_one_direction_puts_all_its_energy_there()
    {
        Matrix v = Basis(6, 1);
        double[] unitWeights = { 0.5, -2.0, 1.0 };   // ΔW = v₂ uᵀ: every unit moves along v₂
        var deltaW = new Matrix(6, 3);
        for (int i = 0; i < 6; i++) for (int j = 0; j < 3; j++) deltaW[i, j] = v[1, i] * unitWeights[j];
        double[] energies = WeightChangeSpectrum.Energies(v, deltaW);
        Assert.Equal(unitWeights.Sum(u => u * u), energies[1], 10);   // ‖ΔWᵀv₂‖² = ‖u‖²
        for (int k = 0; k < 6; k++) if (k != 1) Assert.Equal(0, energies[k], 10);
        Assert.Equal(new[] { 0, 1.0, 1, 1, 1, 1 }, WeightChangeSpectrum.Cumulative(energies).Select(e => Math.Round(e, 10)));
    }

    [Fact]
    public void Energies_sum_to_the_squared_Frobenius_norm_and_match_the_definition()
    {
        Matrix v = Basis(8, 2), deltaW = Random(8, 5, 3);
        double[] energies = WeightChangeSpectrum.Energies(v, deltaW);
        Assert.Equal(deltaW.SumOfSquares(), energies.Sum(), 10);
        for (int k = 0; k < 8; k++)
        {
            double byDefinition = 0;   // Σ_i (ΔW_{·i} · v_k)²
            for (int unit = 0; unit < 5; unit++)
            {
                double dot = 0;
                for (int j = 0; j < 8; j++) dot += deltaW[j, unit] * v[k, j];
                byDefinition += dot * dot;
            }
            Assert.Equal(byDefinition, energies[k], 12);
        }
        double[] cumulative = WeightChangeSpectrum.Cumulative(energies);
        Assert.Equal(1.0, cumulative[^1], 14);
        Assert.True(cumulative.Zip(cumulative.Skip(1)).All(p => p.Second >= p.First));
        Assert.Equal(new[] { 0.25, 0.5, 0.75, 1.0 }, WeightChangeSpectrum.IsotropicBaseline(4));
    }

    [Fact]
    public void Spectrum_rejects_bad_input_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => WeightChangeSpectrum.Energies(Basis(4, 1), new Matrix(5, 2)));
        Assert.Contains("deltaW", e.Message);
        var zero = Assert.Throws<ArgumentException>(() => WeightChangeSpectrum.Cumulative(new double[3]));
        Assert.Contains("energies", zero.Message);
        var nan = Assert.ThrowsAny<ArgumentException>(() => WeightChangeSpectrum.Energies(Basis(2, 1), new Matrix(2, 1, new[] { 1.0, double.NaN })));
        Assert.Contains("deltaW", nan.Message);
    }

    private static Matrix TwoClass(double p1) => new(1, 2, new[] { 0.0, Math.Log(p1 / (1 - p1)) });

    [Fact]
    public void The_three_rules_follow_their_definitions_and_can_disagree()
    {
        Matrix[] members = { TwoClass(0.999999), TwoClass(0.2), TwoClass(0.2) };
        Matrix meanP = EnsembleCombination.MeanProbabilities(members);
        Assert.Equal((0.999999 + 0.2 + 0.2) / 3, meanP[0, 1], 9);
        Assert.Equal(1.0, meanP[0, 0] + meanP[0, 1], 14);
        Matrix meanZ = EnsembleCombination.MeanLogits(members);
        Assert.Equal((Math.Log(999999) + 2 * Math.Log(0.25)) / 3, meanZ[0, 1], 9);
        Assert.Equal(0, Probabilities.PredictedClasses(meanP)[0]);
        Assert.Equal(1, Probabilities.PredictedClasses(meanZ)[0]);
        Assert.Equal(0, EnsembleCombination.MajorityVote(members)[0]);
    }

    [Fact]
    public void A_tied_vote_goes_to_the_class_with_the_higher_mean_probability()
    {
        // Member 1 says class 0 with probability 0.55, member 2 class 1 with probability 0.9: one vote each.
        Assert.Equal(1, EnsembleCombination.MajorityVote(new[] { TwoClass(0.45), TwoClass(0.9) })[0]);
        Assert.Equal(0, EnsembleCombination.MajorityVote(new[] { TwoClass(0.1), TwoClass(0.55) })[0]);
    }

    [Fact]
    public void Combination_rejects_members_of_different_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => EnsembleCombination.MeanLogits(new[] { new Matrix(2, 3), new Matrix(3, 3) }));
        Assert.Contains("memberLogits[1]", e.Message);
        Assert.ThrowsAny<ArgumentException>(() => EnsembleCombination.MajorityVote(Array.Empty<Matrix>()));
    }

    [Fact]
    public void Ambiguity_decomposition_is_exact_and_matches_its_terms_computed_directly()
    {
        Matrix[] members = { Random(7, 3, 1), Random(7, 3, 2), Random(7, 3, 3), Random(7, 3, 4) };
        Matrix target = Random(7, 3, 5);
        var d = AmbiguityDecomposition.Of(members, target);
        Assert.Equal(d.AverageMemberError - d.Diversity, d.EnsembleError, 12);
        double memberError = members.Average(f => f.Data.Zip(target.Data, (p, q) => (p - q) * (p - q)).Sum()) / 7;
        Assert.Equal(memberError, d.AverageMemberError, 12);
        var single = AmbiguityDecomposition.Of(new[] { members[0] }, target);
        Assert.Equal(0, single.Diversity, 14);
        Assert.Equal(single.AverageMemberError, single.EnsembleError, 14);
        Assert.Throws<ArgumentException>(() => AmbiguityDecomposition.Of(new[] { new Matrix(2, 2) }, new Matrix(2, 3)));
    }

    private static Sequential Network(int seed) => Mlp.Create(new[] { 3, 5, 4, 2 }, Activation.Tanh, seed: seed);

    [Fact]
    public void Permuting_hidden_units_keeps_the_function_and_changes_the_weights()
    {
        Sequential a = Network(1), b = a.Clone();
        WeightAveraging.PermuteHiddenUnits(b, 0, new[] { 4, 2, 0, 1, 3 });
        WeightAveraging.PermuteHiddenUnits(b, 1, new[] { 3, 0, 1, 2 });
        Matrix x = Random(6, 3, 9);
        Assert.True(a.Predict(x).Data.Zip(b.Predict(x).Data, (p, q) => Math.Abs(p - q)).Max() < 1e-12);
        Assert.Equal(a.Parameters[0].Value[1, 4], b.Parameters[0].Value[1, 0]);   // unit 0 of b is unit 4 of a
        Assert.NotEqual(a.Parameters[0].Value[1, 0], b.Parameters[0].Value[1, 0]);
        var e = Assert.Throws<ArgumentException>(() => WeightAveraging.PermuteHiddenUnits(b, 0, new[] { 0, 0, 1, 2, 3 }));
        Assert.Contains("permutation", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightAveraging.PermuteHiddenUnits(b, 2, new[] { 0, 1 }));
    }

    [Fact]
    public void Averages_and_interpolations_are_the_weighted_sums_of_the_snapshots()
    {
        Sequential a = Network(1), b = Network(2), probe = Network(3);
        WeightAveraging.SetToInterpolation(probe, a.Snapshot(), b.Snapshot(), 0.25);
        for (int i = 0; i < probe.Parameters.Count; i++)
            for (int j = 0; j < probe.Parameters[i].Value.Length; j++)
                Assert.Equal(0.75 * a.Parameters[i].Value.Data[j] + 0.25 * b.Parameters[i].Value.Data[j], probe.Parameters[i].Value.Data[j], 14);
        WeightAveraging.SetToAverage(probe, new[] { a.Snapshot(), a.Snapshot(), a.Snapshot() });
        double[] original = a.Snapshot().Flatten(), averaged = probe.Snapshot().Flatten();
        Assert.True(original.Zip(averaged, (p, q) => Math.Abs(p - q)).Max() < 1e-15);   // (θ + θ + θ)/3 = θ up to rounding
        var other = Mlp.Create(new[] { 3, 6, 2 }, seed: 1);
        var e = Assert.Throws<ArgumentException>(() => WeightAveraging.SetToAverage(probe, new[] { other.Snapshot() }));
        Assert.Contains("snapshots", e.Message);
    }
}

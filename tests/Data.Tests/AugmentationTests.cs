using RegularizationLab.Numerics;

namespace RegularizationLab.Data.Tests;

public class ImageShiftTests
{
    private static double[] OnePixel(int row, int col)
    {
        var image = new double[784];
        image[row * 28 + col] = 1;
        return image;
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(-1, 2)]
    [InlineData(-2, -2)]
    [InlineData(1, -1)]
    public void ShiftMovesEveryPixelExactlyByDxDy(int dx, int dy)
    {
        var rng = new Random(1);
        double[] image = Enumerable.Range(0, 784).Select(_ => rng.NextDouble()).ToArray();
        double[] shifted = ImageShift.Shift(image, dx, dy);
        for (int r = 0; r < 28; r++)
            for (int c = 0; c < 28; c++)
            {
                int sr = r - dy, sc = c - dx;
                double expected = sr is >= 0 and < 28 && sc is >= 0 and < 28 ? image[sr * 28 + sc] : 0.0;
                Assert.Equal(expected, shifted[r * 28 + c]);
            }
    }

    [Fact]
    public void PositiveDxMovesRightAndPositiveDyMovesDown()
    {
        double[] shifted = ImageShift.Shift(OnePixel(10, 10), dx: 2, dy: 1);
        Assert.Equal(1.0, shifted[11 * 28 + 12]);
        Assert.Equal(1.0, shifted.Sum());
    }

    [Fact]
    public void PixelsPushedOverTheEdgeAreLost()
    {
        Assert.Equal(0.0, ImageShift.Shift(OnePixel(0, 27), dx: 1, dy: 0).Sum());
        Assert.Equal(0.0, ImageShift.Shift(OnePixel(5, 5), dx: 28, dy: 0).Sum());
    }

    [Fact]
    public void BatchShiftShiftsEveryRow()
    {
        var batch = Matrix.FromRows([OnePixel(3, 4), OnePixel(20, 20)]);
        Matrix shifted = ImageShift.ShiftBatch(batch, -1, -2);
        Assert.Equal(1.0, shifted[0, 1 * 28 + 3]);
        Assert.Equal(1.0, shifted[1, 18 * 28 + 19]);
    }

    [Fact]
    public void ShiftAugmentationShiftsAboutHalfTheBatchesByAllowedAmounts()
    {
        var augment = new ShiftAugmentation(seed: 11);
        var batch = Matrix.FromRows([OnePixel(14, 14), OnePixel(7, 20)]);
        int shiftedCount = 0;
        var seen = new HashSet<(int, int)>();
        for (int i = 0; i < 400; i++)
        {
            Matrix result = augment.Apply(batch);
            if (augment.LastShift is not (int dx, int dy))
            {
                Assert.Same(batch, result);
                continue;
            }
            shiftedCount++;
            seen.Add((dx, dy));
            Assert.Contains(dx, new[] { -2, -1, 1, 2 });
            Assert.Contains(dy, new[] { -2, -1, 1, 2 });
            Assert.Equal(1.0, result[0, (14 + dy) * 28 + 14 + dx]);   // the same shift for every image of the batch
            Assert.Equal(1.0, result[1, (7 + dy) * 28 + 20 + dx]);
        }
        Assert.InRange(shiftedCount, 160, 240);   // Binomial(400, ½): mean 200, sd 10
        Assert.Equal(16, seen.Count);
    }

    [Fact]
    public void ShiftAugmentationIsDeterministicForASeed()
    {
        var a = new ShiftAugmentation(seed: 3);
        var b = new ShiftAugmentation(seed: 3);
        var batch = new Matrix(1, 784);
        for (int i = 0; i < 50; i++)
        {
            a.Apply(batch);
            b.Apply(batch);
            Assert.Equal(a.LastShift, b.LastShift);
        }
    }
}

public class SignalAugmentationTests
{
    [Fact]
    public void CircularShiftIsAPermutationAndMatchesNpRoll()
    {
        double[] x = Enumerable.Range(0, 40).Select(i => (double)i).ToArray();
        double[] rolled = SignalAugmentation.CircularShift(x, 3);
        Assert.Equal([37.0, 38.0, 39.0, 0.0, 1.0], rolled[..5]);   // np.roll(range(40), 3)
        Assert.Equal(x, rolled.Order().ToArray());
        Assert.Equal(x, SignalAugmentation.CircularShift(rolled, -3));
        Assert.Equal(x, SignalAugmentation.CircularShift(x, 40));
    }

    [Fact]
    public void ApplyRotatesAndScalesEachRowWithinTheRange()
    {
        var rng = new Random(4);
        var batch = new Matrix(50, 40);
        for (int i = 0; i < batch.Data.Length; i++) batch.Data[i] = rng.NextDouble() + 0.5;
        Matrix augmented = new SignalAugmentation(seed: 9).Apply(batch);
        for (int r = 0; r < batch.Rows; r++)
        {
            double[] original = batch.Row(r).ToArray();
            double[] result = augmented.Row(r).ToArray();
            // Some rotation k and one factor s explain the whole row: result = s · roll(original, k).
            bool explained = Enumerable.Range(0, 40).Any(k =>
            {
                double[] rolled = SignalAugmentation.CircularShift(original, k);
                double s = result[0] / rolled[0];
                return s >= 0.8 && s < 1.2 && rolled.Zip(result).All(p => Math.Abs(p.First * s - p.Second) < 1e-12);
            });
            Assert.True(explained, $"row {r} is not a scaled rotation of the original.");
        }
    }

    [Fact]
    public void ExpandAppendsAugmentedCopiesWithTheirLabels()
    {
        var x = Matrix.FromRows([[1.0, 2, 3, 4], [5.0, 6, 7, 8]]);
        Dataset expanded = new SignalAugmentation(seed: 1).Expand(x, [0, 1], extraCount: 3, classCount: 2);
        Assert.Equal(5, expanded.Count);
        Assert.Equal([0, 1, 0, 1, 0], expanded.RequireLabels());
        Assert.Equal([1.0, 2, 3, 4], expanded.Features.Row(0).ToArray());
        // Row 2 is an augmented copy of row 0 (1, 2, 3, 4): a rotation scaled by s ∈ [0.8, 1.2].
        double[] copy = expanded.Features.Row(2).ToArray();
        double s = copy.Sum() / 10.0;
        Assert.Equal([1.0, 2, 3, 4], copy.Order().Select(v => Math.Round(v / s, 12)).ToArray());
        Assert.InRange(s, 0.8, 1.2);
    }
}

public class MixupTests
{
    [Fact]
    public void MixedRowsAreConvexCombinationsOfTwoExamplesAndTargetsMatch()
    {
        var rng = new Random(2);
        var x = new Matrix(16, 5);
        for (int i = 0; i < x.Data.Length; i++) x.Data[i] = rng.NextDouble();
        int[] labels = Enumerable.Range(0, 16).Select(i => i % 4).ToArray();
        MixupBatch batch = new Mixup(alpha: 0.4, seed: 5).Apply(x, labels, classCount: 4);
        double l = batch.Lambda;
        Assert.InRange(l, 0, 1);
        Assert.Equal(Enumerable.Range(0, 16), batch.Partners.Order());
        for (int i = 0; i < 16; i++)
        {
            int j = batch.Partners[i];
            for (int c = 0; c < 5; c++) Assert.Equal(l * x[i, c] + (1 - l) * x[j, c], batch.Inputs[i, c], 14);
            Assert.Equal(1.0, batch.Targets.Row(i).ToArray().Sum(), 14);
            var expected = new double[4];
            expected[labels[i]] += l;
            expected[labels[j]] += 1 - l;
            Assert.Equal(expected, batch.Targets.Row(i).ToArray());
        }
    }

    [Fact]
    public void FixedLambdaIsUsedEveryTime()
    {
        var mixup = Mixup.WithFixedLambda(0.7, seed: 1);
        var x = Matrix.FromRows([[1.0, 0], [0.0, 1]]);
        MixupBatch b = mixup.Apply(x, [0, 1], 2);
        Assert.Equal(0.7, b.Lambda);
    }

    [Fact]
    public void BetaSamplesHaveTheRightMeanAndVariance()
    {
        var rng = new Random(8);
        foreach ((double a, double b) in new[] { (0.4, 0.4), (2.0, 5.0) })
        {
            double[] s = Enumerable.Range(0, 40000).Select(_ => BetaDistribution.Sample(rng, a, b)).ToArray();
            double mean = s.Average();
            double variance = s.Select(v => (v - mean) * (v - mean)).Average();
            // 40,000 draws: the standard error of the mean is below 0.0025, so 0.01 is a 4-sigma band.
            Assert.InRange(mean, a / (a + b) - 0.01, a / (a + b) + 0.01);
            double expectedVariance = a * b / ((a + b) * (a + b) * (a + b + 1));
            Assert.InRange(variance, expectedVariance * 0.95, expectedVariance * 1.05);
            Assert.All(s, v => Assert.InRange(v, 0, 1));
        }
    }
}

public class GaussianInputNoiseTests
{
    [Fact]
    public void NoiseHasTheRequestedStandardDeviationAndLeavesTheInputAlone()
    {
        var x = Matrix.Filled(200, 50, 0.5);
        Matrix noisy = new GaussianInputNoise(0.1, seed: 3).Apply(x);
        Assert.All(x.Data, v => Assert.Equal(0.5, v));
        double[] d = noisy.Data.Select(v => v - 0.5).ToArray();
        Assert.Equal(0.0, d.Average(), 2);
        Assert.Equal(0.1, Math.Sqrt(d.Select(v => v * v).Average()), 2);
    }

    [Fact]
    public void SameSeedSameNoise()
    {
        var x = new Matrix(3, 4);
        Assert.Equal(new GaussianInputNoise(1, 5).Apply(x).Data, new GaussianInputNoise(1, 5).Apply(x).Data);
    }
}

public class BatchTransformsTests
{
    [Fact]
    public void ImageShiftsTransformShiftsInPlaceLikeImageShift()
    {
        var rng = new Random(5);
        var batch = new Matrix(3, 784);
        for (int i = 0; i < batch.Data.Length; i++) batch.Data[i] = rng.NextDouble();
        Action<Matrix, Random> transform = BatchTransforms.ImageShifts();
        int shifted = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            Matrix copy = batch.Clone();
            transform(copy, new Random(seed));
            // Replay the documented draws to know which shift was applied.
            var replay = new Random(seed);
            int[] allowed = [-2, -1, 1, 2];
            if (!(replay.NextDouble() < 0.5))
            {
                Assert.Equal(batch.Data, copy.Data);
                continue;
            }
            shifted++;
            int dx = allowed[replay.Next(4)], dy = allowed[replay.Next(4)];
            for (int r = 0; r < 3; r++) Assert.Equal(ImageShift.Shift(batch.Row(r), dx, dy), copy.Row(r).ToArray());
        }
        Assert.InRange(shifted, 3, 17);
    }

    [Fact]
    public void CircularShiftAndScaleKeepsEachRowAScaledRotation()
    {
        var batch = new Matrix(4, 40);
        for (int i = 0; i < batch.Data.Length; i++) batch.Data[i] = i % 40 + 1.0;
        Matrix copy = batch.Clone();
        BatchTransforms.CircularShiftAndScale()(copy, new Random(2));
        for (int r = 0; r < 4; r++)
        {
            double[] row = copy.Row(r).ToArray();
            double s = row.Sum() / batch.Row(r).ToArray().Sum();
            Assert.InRange(s, 0.8, 1.2);
            Assert.Equal(batch.Row(r).ToArray().Order(), row.Select(v => Math.Round(v / s, 10)).Order());
        }
    }
}

using RegularizationLab.Data;

namespace RegularizationLab.Tests.Training.Data;

public class MaskedTokensTests
{
    [Fact]
    public void Selection_and_the_80_10_10_split_have_the_stated_frequencies()
    {
        const int n = 200_000, vocabulary = 50, mask = 50;
        var rng = new Random(1);
        int[] tokens = Enumerable.Range(0, n).Select(_ => rng.Next(vocabulary)).ToArray();
        var result = new MaskedTokens(vocabulary, mask).Apply(tokens, new Random(2));
        int selected = result.SelectedPositions.Length;
        // 4 binomial standard errors
        Assert.True(Math.Abs(selected / (double)n - 0.15) < 4 * Math.Sqrt(0.15 * 0.85 / n));
        foreach (var (fate, share) in new[] { (TokenFate.Masked, 0.8), (TokenFate.Replaced, 0.1), (TokenFate.SelectedUnchanged, 0.1) })
        {
            double observed = result.Fates.Count(f => f == fate) / (double)selected;
            Assert.True(Math.Abs(observed - share) < 4 * Math.Sqrt(share * (1 - share) / selected), $"{fate}: {observed}");
        }
        for (int i = 0; i < n; i++)
        {
            switch (result.Fates[i])
            {
                case TokenFate.Masked: Assert.Equal(mask, result.Tokens[i]); break;
                case TokenFate.Replaced: Assert.NotEqual(tokens[i], result.Tokens[i]); Assert.InRange(result.Tokens[i], 0, vocabulary - 1); break;
                default: Assert.Equal(tokens[i], result.Tokens[i]); break;
            }
        }
        Assert.Equal(tokens, result.Original);
        Assert.Equal(result.Tokens, new MaskedTokens(vocabulary, mask).Apply(tokens, new Random(2)).Tokens);
    }

    [Fact]
    public void Bad_settings_and_tokens_are_rejected_by_name()
    {
        Assert.Equal("maskToken", Assert.Throws<ArgumentOutOfRangeException>(() => new MaskedTokens(10, 3)).ParamName);
        Assert.Equal("replaceShare", Assert.Throws<ArgumentOutOfRangeException>(() => new MaskedTokens(10, 10, 0.15, 0.8, 0.3)).ParamName);
        Assert.Equal("tokens", Assert.Throws<ArgumentOutOfRangeException>(() => new MaskedTokens(10, 10).Apply(new[] { 1, 12 }, new Random(1))).ParamName);
    }
}

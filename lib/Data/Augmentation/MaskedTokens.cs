using RegularizationLab.Errors;

namespace RegularizationLab.Data;

/// <summary>What happened to one token position.</summary>
public enum TokenFate { Kept, Masked, Replaced, SelectedUnchanged }

/// <summary>A corrupted sequence, the fate of every position, and the original (the prediction targets).</summary>
public sealed record MaskedSequence(int[] Tokens, TokenFate[] Fates, int[] Original)
{
    /// <summary>Positions the model is asked to predict (every selected one, whatever happened to it).</summary>
    public int[] SelectedPositions => Fates.Select((f, i) => (f, i)).Where(p => p.f != TokenFate.Kept).Select(p => p.i).ToArray();
}

/// <summary>
/// BERT's masked-language-model corruption (Devlin et al. 2019), described in Praturu's blog post (§1): each position is
/// selected with probability <see cref="SelectProbability"/> (15%); a selected token becomes the mask token with
/// probability 0.8, a different token drawn uniformly from the vocabulary with probability 0.1, and stays unchanged with
/// probability 0.1. The model must predict the original token at every selected position, so it can never trust that an
/// unmasked token is correct, nor rely on the mask token alone.
/// Random stream per position: u = NextDouble() (selected if u &lt; p); if selected v = NextDouble(), and if replaced
/// one Next(vocabularySize − 1) for the substitute.
/// </summary>
public sealed class MaskedTokens
{
    public MaskedTokens(int vocabularySize, int maskToken, double selectProbability = 0.15, double maskShare = 0.8,
        double replaceShare = 0.1)
    {
        if (vocabularySize < 2)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, $"vocabularySize must be ≥ 2; got {vocabularySize}.");
        if (maskToken >= 0 && maskToken < vocabularySize)
            throw new ArgumentOutOfRangeException(nameof(maskToken), maskToken,
                $"maskToken must lie outside the vocabulary 0 … {vocabularySize - 1} (it is a special symbol); got {maskToken}.");
        Guard.InRange(selectProbability, 0, 1, nameof(selectProbability));
        Guard.InRange(maskShare, 0, 1, nameof(maskShare));
        Guard.InRange(replaceShare, 0, 1, nameof(replaceShare));
        if (maskShare + replaceShare > 1)
            throw new ArgumentOutOfRangeException(nameof(replaceShare), replaceShare,
                $"maskShare + replaceShare must be ≤ 1 (the rest stays unchanged); got {maskShare} + {replaceShare}.");
        VocabularySize = vocabularySize;
        MaskToken = maskToken;
        SelectProbability = selectProbability;
        MaskShare = maskShare;
        ReplaceShare = replaceShare;
    }

    public int VocabularySize { get; }
    public int MaskToken { get; }
    public double SelectProbability { get; }
    public double MaskShare { get; }
    public double ReplaceShare { get; }

    /// <summary>Corrupts a copy of <paramref name="tokens"/> (each in 0 … VocabularySize − 1).</summary>
    public MaskedSequence Apply(IReadOnlyList<int> tokens, Random random)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(random);
        var output = new int[tokens.Count];
        var fates = new TokenFate[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            int t = tokens[i];
            if (t < 0 || t >= VocabularySize)
                throw new ArgumentOutOfRangeException(nameof(tokens), t, $"tokens[{i}] = {t} is outside the vocabulary 0 … {VocabularySize - 1}.");
            output[i] = t;
            if (!(random.NextDouble() < SelectProbability)) continue;
            double v = random.NextDouble();
            if (v < MaskShare) { output[i] = MaskToken; fates[i] = TokenFate.Masked; }
            else if (v < MaskShare + ReplaceShare)
            {
                int other = random.Next(VocabularySize - 1);          // uniform over the other V − 1 tokens
                output[i] = other >= t ? other + 1 : other;
                fates[i] = TokenFate.Replaced;
            }
            else fates[i] = TokenFate.SelectedUnchanged;
        }
        return new MaskedSequence(output, fates, tokens.ToArray());
    }
}

namespace RegularizationLab.Quizzes;

/// <summary>
/// The five quiz questions of the course page 16-08, with feedback written for this course: each wrong letter gets the
/// reason it is wrong and the lecture where the right idea is measured. The question texts are in lecture 12.
/// </summary>
public static class CoursePageQuiz
{
    /// <summary>Q1: which statement about L1 and L2 is true?</summary>
    public static MultipleChoiceQuestion Q1 { get; } = new("Q1", 'C', new Dictionary<char, string>
    {
        ['A'] = "It is the other way round: L1's kink at 0 produces exact zeros, L2 only shrinks (lecture 02, §7).",
        ['B'] = "Swapped: the gradient of λw² is 2λw, proportional to w; that of λ|w| is λ·sign(w), constant in size.",
        ['C'] = "A Laplace prior exp(−λ|w|) gives L1 and a Gaussian prior exp(−λw²) gives L2 as the negative " +
                "log-prior of the MAP estimate (lecture 01, §1; lecture 10, §2).",
        ['D'] = "No optimizer makes them equal: L1 and L2 have different minimizers (lecture 02, §3: 0.75 and 0 vs " +
                "0.8 and 0.5 in the worked example).",
    });

    /// <summary>Q2: the inverted-dropout scale at p = 0.5.</summary>
    public static MultipleChoiceQuestion Q2 { get; } = new("Q2", 'B', new Dictionary<char, string>
    {
        ['A'] = "Multiplying by 0.5 on top of dropping half the units would quarter the expected activation.",
        ['B'] = "Survivors are multiplied by 1/(1 − p) = 2, so E[m·a] = a and nothing changes at test time (lecture 04, §1).",
        ['C'] = "Without scaling the expected activation during training is (1 − p)·a = a/2, so train and test " +
                "networks would disagree unless the weights were rescaled at test time (lecture 04, §6).",
        ['D'] = "0.25 = p² is the chance that two given units are both dropped, not a scale.",
    });

    /// <summary>Q3: why AdamW rather than Adam + L2?</summary>
    public static MultipleChoiceQuestion Q3 { get; } = new("Q3", 'B', new Dictionary<char, string>
    {
        ['A'] = "Both cost the same per step; the difference is where the decay enters the update.",
        ['B'] = "Adam divides the L2 gradient by √v̂ like any other gradient, so the decay is uneven across " +
                "weights; AdamW subtracts ηλw outside that rescaling (lecture 01, §7).",
        ['C'] = "AdamW still shrinks every weight in proportion to its size: that is L2-style decay, not L1.",
        ['D'] = "AdamW keeps both of Adam's moment estimates, momentum included.",
    });

    /// <summary>Q4: how early stopping prevents overfitting.</summary>
    public static MultipleChoiceQuestion Q4 { get; } = new("Q4", 'B', new Dictionary<char, string>
    {
        ['A'] = "That is weight noise (lecture 07, §4); early stopping changes only how long you train.",
        ['B'] = "Training fits the coarse structure first and the noise later; stopping at the lowest validation " +
                "loss keeps the first and not the second, and for least squares it acts like L2 with λ ≈ 1/(ηt) " +
                "(lecture 05, §§1–2).",
        ['C'] = "The architecture is untouched; it is the distance travelled from the initial weights that is limited.",
        ['D'] = "Early stopping leaves the learning-rate schedule alone; it only picks the epoch to keep.",
    });

    /// <summary>Q5: the smoothed target of the correct class at ε = 0.1, K = 10.</summary>
    public static MultipleChoiceQuestion Q5 { get; } = new("Q5", 'B', new Dictionary<char, string>
    {
        ['A'] = "1.0 is the one-hot target, i.e. no smoothing (ε = 0).",
        ['B'] = "In the course page's convention the true class keeps 1 − ε = 0.9 and each other class gets " +
                "ε/(K − 1) = 0.0111 (lecture 08, §1; PyTorch's ε/K convention would give 0.91).",
        ['C'] = "0.99 would be 1 − ε with ε = 0.01.",
        ['D'] = "0.1 is ε itself, the total mass moved to the wrong classes, not the true class's share.",
    });

    /// <summary>The five questions in order.</summary>
    public static IReadOnlyList<MultipleChoiceQuestion> All { get; } = new[] { Q1, Q2, Q3, Q4, Q5 };
}

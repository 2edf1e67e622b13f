namespace RegularizationLab.Quizzes;

/// <summary>What a student's answer earned: whether it is right, and the sentence to show them.</summary>
public sealed record QuizVerdict(string Question, string? Answer, bool Answered, bool IsCorrect, string Message)
{
    public override string ToString() => Message;
}

/// <summary>
/// A self-checking multiple-choice question: the student sets a variable to a letter and <see cref="Check"/> returns
/// specific feedback for that letter. It never throws on what a student types: an empty, unknown or oddly written
/// answer ("c", " C) ") gets a friendly message instead of an exception.
/// </summary>
public sealed class MultipleChoiceQuestion
{
    private readonly IReadOnlyDictionary<char, string> _feedback;

    /// <param name="name">How the question is called in the notebook, e.g. "Q1".</param>
    /// <param name="correct">The right letter.</param>
    /// <param name="feedback">One sentence per choice letter: why that choice is right or wrong.</param>
    public MultipleChoiceQuestion(string name, char correct, IReadOnlyDictionary<char, string> feedback)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(feedback);
        if (feedback.Count < 2)
            throw new ArgumentException($"feedback must cover at least two choices; got {feedback.Count}.", nameof(feedback));
        if (feedback.Keys.Any(k => k < 'A' || k > 'Z'))
            throw new ArgumentException("feedback keys must be capital letters A–Z.", nameof(feedback));
        if (!feedback.ContainsKey(correct))
            throw new ArgumentException($"the correct letter '{correct}' has no feedback entry.", nameof(correct));
        if (feedback.Values.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("every choice needs a feedback sentence.", nameof(feedback));
        Name = name;
        Correct = correct;
        _feedback = feedback;
        Letters = feedback.Keys.Order().ToArray();
    }

    public string Name { get; }
    public char Correct { get; }
    public IReadOnlyList<char> Letters { get; }

    /// <summary>The feedback for <paramref name="answer"/> (case, spaces and a trailing ")" or "." are ignored).</summary>
    public QuizVerdict Check(string? answer)
    {
        string choices = string.Join(", ", Letters.Select(l => $"\"{l}\""));
        string cleaned = (answer ?? "").Trim().TrimEnd(')', '.').Trim().ToUpperInvariant();
        if (cleaned.Length == 0)
            return new(Name, answer, false, false,
                $"{Name} · no answer yet: set the answer variable to one of {choices} and run this cell again.");
        if (cleaned.Length != 1 || !_feedback.TryGetValue(cleaned[0], out string? why))
            return new(Name, answer, false, false,
                $"{Name} · \"{answer}\" is not one of the choices: use one letter, {choices}.");
        bool right = cleaned[0] == Correct;
        string verdict = right ? "correct" : "not right";
        string tail = right ? "" : " Think again and try another letter.";
        return new(Name, answer, true, right, $"{Name} · {cleaned[0]} is {verdict}. {why}{tail}");
    }
}

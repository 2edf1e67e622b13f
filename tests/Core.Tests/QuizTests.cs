using RegularizationLab.Quizzes;

namespace RegularizationLab.Tests.Core;

/// <summary>The self-checking quiz of lecture 12: right and wrong letters, and whatever else a student types.</summary>
public class QuizTests
{
    public static TheoryData<string, char> Answers() => new()
    {
        { "Q1", 'C' }, { "Q2", 'B' }, { "Q3", 'B' }, { "Q4", 'B' }, { "Q5", 'B' },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void The_course_pages_letter_is_correct_and_every_other_letter_gets_its_own_reason(string name, char correct)
    {
        var question = CoursePageQuiz.All.Single(q => q.Name == name);
        Assert.Equal(correct, question.Correct);
        Assert.Equal(new[] { 'A', 'B', 'C', 'D' }, question.Letters);
        var verdict = question.Check(correct.ToString());
        Assert.True(verdict.Answered && verdict.IsCorrect, verdict.Message);
        Assert.StartsWith($"{name} · {correct} is correct.", verdict.Message);
        var wrong = question.Letters.Where(l => l != correct).Select(l => question.Check(l.ToString())).ToArray();
        Assert.All(wrong, v => Assert.False(v.IsCorrect));
        Assert.All(wrong, v => Assert.Contains("is not right", v.Message));
        Assert.Equal(3, wrong.Select(v => v.Message).Distinct().Count());    // specific feedback per letter
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_unset_answer_asks_for_one_and_never_throws(string? answer)
    {
        var verdict = CoursePageQuiz.Q1.Check(answer);
        Assert.False(verdict.Answered);
        Assert.Contains("no answer yet", verdict.Message);
    }

    [Theory]
    [InlineData("E")]
    [InlineData("AB")]
    [InlineData("0.9")]
    public void An_answer_that_is_not_a_choice_gets_a_friendly_message(string answer)
    {
        var verdict = CoursePageQuiz.Q5.Check(answer);
        Assert.False(verdict.Answered || verdict.IsCorrect);
        Assert.Contains("is not one of the choices", verdict.Message);
    }

    [Theory]
    [InlineData("c")]
    [InlineData(" C ")]
    [InlineData("C)")]
    [InlineData("c.")]
    public void Case_spaces_and_a_trailing_bracket_are_forgiven(string answer) =>
        Assert.True(CoursePageQuiz.Q1.Check(answer).IsCorrect);

    [Fact]
    public void A_question_without_feedback_for_its_correct_letter_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new MultipleChoiceQuestion("Qx", 'C', new Dictionary<char, string> { ['A'] = "a", ['B'] = "b" }));
        Assert.Equal("correct", e.ParamName);
    }
}

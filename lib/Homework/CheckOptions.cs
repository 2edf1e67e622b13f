namespace RegularizationLab.Homework;

/// <summary>
/// How a check runs: which seed draws its random cases, how many it draws, whether it is a public check or a
/// hidden test, and how long the student's code may run before the check gives up on it.
/// </summary>
public sealed record CheckOptions
{
    public CheckKind Kind { get; init; } = CheckKind.Public;

    /// <summary>Seed of the random cases. Hidden tests use other seeds, so fitting the public cases does not help.</summary>
    public int Seed { get; init; } = 20240601;

    /// <summary>How many seeded random cases follow the hand-picked edge cases.</summary>
    public int RandomCases { get; init; } = 400;

    /// <summary>Wall-clock limit for the whole check; an infinite loop is reported after this long.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    public static CheckOptions Public { get; } = new();

    /// <summary>A hidden test: another seed and more random cases.</summary>
    public static CheckOptions Hidden(int seed, int randomCases = 1000) =>
        new() { Kind = CheckKind.Hidden, Seed = seed, RandomCases = randomCases };
}

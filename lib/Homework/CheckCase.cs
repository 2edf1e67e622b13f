namespace RegularizationLab.Homework;

/// <summary>
/// One input for a check. <paramref name="Size"/> orders failing inputs so that the smallest one is shown
/// (fewest numbers first; among equals the earlier case, so hand-picked edge cases win over random ones).
/// </summary>
public sealed record CheckCase<TInput>(TInput Input, double Size);

/// <summary>
/// Why an answer is wrong: the expected and the received value as text, and a detail such as
/// "relative error 2 > 1e-9" or "entry 3 of 5 differs".
/// </summary>
public sealed record Mismatch(string Expected, string Got, string Detail);

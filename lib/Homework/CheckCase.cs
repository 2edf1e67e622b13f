namespace RegularizationLab.Homework;

/// <summary>
/// One input for a check. <paramref name="Label"/> is how the input reads in a message ("x = −1, λ = 0.5");
/// <paramref name="Size"/> orders failing inputs so the smallest one is shown (fewer and smaller numbers first).
/// </summary>
public sealed record CheckCase<TInput>(TInput Input, string Label, double Size);

/// <summary>
/// Why an answer is wrong: the expected and the received value as text, and a detail such as
/// "relative error 2 > 1e-9" or "entry 3 of 5 differs".
/// </summary>
public sealed record Mismatch(string Expected, string Got, string Detail);

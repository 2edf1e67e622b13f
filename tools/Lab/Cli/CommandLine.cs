using System.Globalization;

namespace RegularizationLab.Lab.Cli;

/// <summary>Parsed arguments of one verb: positional arguments plus <c>--name value</c> options and <c>--flag</c>s.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _missingValues = [];

    /// <param name="args">The arguments after the verb.</param>
    /// <param name="flags">Option names that take no value.</param>
    public CommandLine(IEnumerable<string> args, params string[] flags)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var name = arg[2..];
                string? value = null;
                var eq = name.IndexOf('=');
                if (eq >= 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }
                else if (!flags.Contains(name))
                {
                    if (i + 1 >= list.Count)
                        _missingValues.Add(name); // reported by AllowOnly, after unknown names (a typo is not "missing a value")
                    else
                        value = list[++i];
                }
                _options[name] = value;
            }
            else
            {
                Positional.Add(arg);
            }
        }
    }

    public List<string> Positional { get; } = [];

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public string Get(string name, string fallback) => _options.GetValueOrDefault(name) ?? fallback;

    public double GetDouble(string name, double fallback, double min, double max)
    {
        var text = Get(name);
        if (text is null)
            return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new UsageException($"--{name} must be a number from {min} to {max}; got '{text}'.");
        return value;
    }

    /// <summary>Fails on options the verb does not know, naming them, then on options given without their value.</summary>
    public void AllowOnly(params string[] names)
    {
        var unknown = _options.Keys.Where(k => !names.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new UsageException($"unknown option{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => "--" + u))}; this verb takes {(names.Length == 0 ? "no options" : string.Join(", ", names.Select(n => "--" + n)))}.");
        if (_missingValues.Count > 0)
            throw new UsageException($"--{_missingValues[0]} needs a value.");
    }
}

/// <summary>A command-line mistake: shown with the verb's usage, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

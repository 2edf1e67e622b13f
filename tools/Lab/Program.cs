using System.Text;
using RegularizationLab.Lab.Cli;

namespace RegularizationLab.Lab;

/// <summary>The course tool: <c>lab &lt;verb&gt; [arguments]</c>. Verbs are found by reflection (see <see cref="IVerb"/>).</summary>
public static class Program
{
    public static IReadOnlyList<IVerb> Verbs { get; } = typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IVerb).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false } && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (IVerb)Activator.CreateInstance(t)!)
        .OrderBy(v => v.Name, StringComparer.Ordinal)
        .ToList();

    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            var wanted = args.Length > 1 ? Verbs.FirstOrDefault(v => v.Name == args[1]) : null;
            Console.WriteLine(wanted is null ? Help() : wanted.Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var verb = Verbs.FirstOrDefault(v => v.Name == args[0]);
        if (verb is null)
        {
            Console.Error.WriteLine($"lab: unknown verb '{args[0]}'.\n\n{Help()}");
            return 2;
        }
        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            Console.WriteLine(verb.Usage);
            return 0;
        }

        try
        {
            return await verb.RunAsync(args[1..]);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"lab {verb.Name}: {e.Message}\n\n{verb.Usage}");
            return 2;
        }
    }

    private static string Help()
    {
        var text = new StringBuilder("lab: the Regularization Lab course tool.\n\nUsage: lab <verb> [arguments]   (lab help <verb> for details)\n\n");
        foreach (var verb in Verbs.Where(v => !v.Hidden))
            text.AppendLine($"  {verb.Name,-10} {verb.Summary}");
        return text.ToString();
    }
}

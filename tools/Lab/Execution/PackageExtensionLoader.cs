using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace RegularizationLab.Lab.Execution;

/// <summary>
/// Loads the kernel extensions that NuGet packages ship, as the released kernel does after a command that added
/// packages: every assembly in a package's <c>interactive-extensions/dotnet</c> folder is loaded and each
/// <see cref="IKernelExtension"/> in it gets the kernel (Plotly.NET.Interactive registers its chart formatter this way).
/// </summary>
public sealed class PackageExtensionLoader(CompositeKernel kernel)
{
    private readonly HashSet<string> _loadedRoots = new(StringComparer.Ordinal);

    public async Task LoadFromAsync(IEnumerable<PackageAdded> packages)
    {
        foreach (var root in packages.Select(p => p.PackageReference.PackageRoot).OfType<string>())
        {
            var folder = Path.Combine(root, "interactive-extensions", "dotnet");
            if (!_loadedRoots.Add(root) || !Directory.Exists(folder))
                continue;
            foreach (var dll in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
            {
                var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll);
                var extensions = assembly.GetExportedTypes()
                    .Where(t => typeof(IKernelExtension).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                    .Select(t => (IKernelExtension)Activator.CreateInstance(t)!);
                foreach (var extension in extensions)
                    await extension.OnLoadAsync(kernel).ConfigureAwait(false);
            }
        }
    }
}

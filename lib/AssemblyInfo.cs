using System.Runtime.CompilerServices;

// The checks' unit tests redirect check output and switch grading mode on and off; notebooks cannot.
[assembly: InternalsVisibleTo("Homework.Tests")]
// The optimizer tests step the fused update kernels (Optimizers/UpdateRules) directly to read their moment buffers.
[assembly: InternalsVisibleTo("Core.Tests")]

using System.Runtime.CompilerServices;

// The checks' unit tests redirect check output and switch grading mode on and off; notebooks cannot.
[assembly: InternalsVisibleTo("Homework.Tests")]

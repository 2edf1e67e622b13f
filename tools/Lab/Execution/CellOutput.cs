using System.Text;
using System.Text.Json.Nodes;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Execution;

public enum OutputKind { Stream, DisplayData, ExecuteResult, Error }

/// <summary>One nbformat output of a cell. Mutable while the cell runs: streams grow, displays are updated.</summary>
public sealed class CellOutput
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    private CellOutput(OutputKind kind) => Kind = kind;

    public OutputKind Kind { get; }

    /// <summary>"stdout" or "stderr" for streams.</summary>
    public string? StreamName { get; private init; }

    /// <summary>MIME type → formatted text, for display_data and execute_result.</summary>
    public IReadOnlyDictionary<string, string> Data { get; private set; } = new Dictionary<string, string>();

    public string? ErrorName { get; private init; }

    public string? ErrorValue { get; private init; }

    public IReadOnlyList<string> Traceback { get; private init; } = [];

    public string Text
    {
        get { lock (_gate) return _text.ToString(); }
    }

    public static CellOutput Stream(string name) => new(OutputKind.Stream) { StreamName = name };

    public static CellOutput Display(IReadOnlyDictionary<string, string> data) => new(OutputKind.DisplayData) { Data = data };

    public static CellOutput Result(IReadOnlyDictionary<string, string> data) => new(OutputKind.ExecuteResult) { Data = data };

    public static CellOutput Error(string name, string value, params string[] traceback) =>
        new(OutputKind.Error) { ErrorName = name, ErrorValue = value, Traceback = traceback };

    public void Append(string text)
    {
        lock (_gate) _text.Append(text);
    }

    /// <summary>Replaces the shown value (what <c>DisplayedValue.Update</c> does in the kernel).</summary>
    public void Replace(IReadOnlyDictionary<string, string> data) => Data = data;

    /// <summary>The best plain-text view of this output, for logs and tests.</summary>
    public string PlainText => Kind switch
    {
        OutputKind.Stream => Text,
        OutputKind.Error => string.Join("\n", Traceback.Prepend($"{ErrorName}: {ErrorValue}").Distinct()),
        _ => Data.TryGetValue("text/plain", out var plain) ? plain : Data.Values.FirstOrDefault() ?? "",
    };

    public JsonObject ToJson(int executionCount)
    {
        switch (Kind)
        {
            case OutputKind.Stream:
                return new JsonObject { ["output_type"] = "stream", ["name"] = StreamName, ["text"] = NbText.ToLines(Text) };
            case OutputKind.Error:
                return new JsonObject
                {
                    ["output_type"] = "error",
                    ["ename"] = ErrorName,
                    ["evalue"] = ErrorValue,
                    ["traceback"] = new JsonArray(Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
                };
            default:
                var data = new JsonObject();
                foreach (var (mime, value) in Data)
                    data[mime] = NbText.ToLines(value);
                var json = new JsonObject
                {
                    ["output_type"] = Kind == OutputKind.ExecuteResult ? "execute_result" : "display_data",
                    ["data"] = data,
                    ["metadata"] = new JsonObject(),
                };
                if (Kind == OutputKind.ExecuteResult)
                    json["execution_count"] = executionCount;
                return json;
        }
    }

    public static CellOutput FromJson(JsonObject json)
    {
        var type = (string?)json["output_type"];
        switch (type)
        {
            case "stream":
                var stream = Stream((string?)json["name"] ?? "stdout");
                stream.Append(NbText.FromNode(json["text"]));
                return stream;
            case "error":
                return Error((string?)json["ename"] ?? "Error", (string?)json["evalue"] ?? "",
                    ((json["traceback"] as JsonArray) ?? []).Select(t => (string?)t ?? "").ToArray());
            default:
                var data = ((json["data"] as JsonObject) ?? [])
                    .ToDictionary(p => p.Key, p => NbText.FromNode(p.Value));
                return type == "execute_result" ? Result(data) : Display(data);
        }
    }
}

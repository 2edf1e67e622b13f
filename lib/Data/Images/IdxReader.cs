using System.Buffers.Binary;
using System.IO.Compression;

namespace RegularizationLab.Data;

/// <summary>
/// Reads the IDX format of LeCun's MNIST distribution (also used by Fashion-MNIST), plain or gzip-compressed.
/// An IDX file is a big-endian header followed by raw unsigned bytes:
/// <code>
///   images: 0x00000803 (ubyte, 3 dimensions) | count | rows | cols | count·rows·cols pixel bytes (row by row)
///   labels: 0x00000801 (ubyte, 1 dimension)  | count | count label bytes
/// </code>
/// A file whose first two bytes are 0x1f 0x8b (the gzip magic) is decompressed first.
/// </summary>
public static class IdxReader
{
    public const uint ImageMagic = 0x00000803;
    public const uint LabelMagic = 0x00000801;

    /// <summary>Pixel bytes of an IDX image file, plus its dimensions.</summary>
    public sealed record RawImages(int Count, int Rows, int Cols, byte[] Pixels);

    /// <summary>Reads an IDX image file (magic 0x00000803). Checks the header against the data that follows.</summary>
    public static RawImages ReadImages(string path, int? expectedRows = 28, int? expectedCols = 28)
    {
        string full = Path.GetFullPath(path);
        string expected = "an IDX image file (magic number 0x00000803, then count, rows, cols as big-endian 32-bit " +
                          $"integers, then count × {expectedRows?.ToString() ?? "rows"} × {expectedCols?.ToString() ?? "cols"} pixel bytes), " +
                          "plain or gzip-compressed";
        byte[] bytes = ReadAllBytes(full, expected);
        if (bytes.Length < 16)
            throw new DataFileException(full, $"The file is truncated: it holds {bytes.Length} bytes, less than the 16-byte IDX image header.", expected);
        uint magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (magic != ImageMagic)
            throw new DataFileException(full, $"The file starts with magic number 0x{magic:x8}{Describe(magic)}, not the IDX image magic number.", expected);
        int count = ReadDimension(bytes, 4, full, "count", expected);
        int rows = ReadDimension(bytes, 8, full, "rows", expected);
        int cols = ReadDimension(bytes, 12, full, "cols", expected);
        if ((expectedRows is int r && rows != r) || (expectedCols is int c && cols != c))
            throw new DataFileException(full, $"The images are {rows} × {cols} pixels.", expected);
        long needed = 16L + (long)count * rows * cols;
        if (bytes.Length != needed)
            throw new DataFileException(full,
                $"The header announces {count:N0} images of {rows} × {cols} pixels ({needed:N0} bytes in all), but the " +
                $"(decompressed) file holds {bytes.Length:N0} bytes: it is {(bytes.Length < needed ? "truncated" : "longer than its header says")}.",
                expected);
        return new RawImages(count, rows, cols, bytes[16..]);
    }

    /// <summary>Reads an IDX label file (magic 0x00000801); every label must be below <paramref name="classCount"/>.</summary>
    public static byte[] ReadLabels(string path, int classCount = 10)
    {
        string full = Path.GetFullPath(path);
        string expected = "an IDX label file (magic number 0x00000801, then the count as a big-endian 32-bit integer, then " +
                          $"count label bytes, each in 0 … {classCount - 1}), plain or gzip-compressed";
        byte[] bytes = ReadAllBytes(full, expected);
        if (bytes.Length < 8)
            throw new DataFileException(full, $"The file is truncated: it holds {bytes.Length} bytes, less than the 8-byte IDX label header.", expected);
        uint magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (magic != LabelMagic)
            throw new DataFileException(full, $"The file starts with magic number 0x{magic:x8}{Describe(magic)}, not the IDX label magic number.", expected);
        int count = ReadDimension(bytes, 4, full, "count", expected);
        if (bytes.Length != 8L + count)
            throw new DataFileException(full,
                $"The header announces {count:N0} labels ({8L + count:N0} bytes in all), but the (decompressed) file holds " +
                $"{bytes.Length:N0} bytes: it is {(bytes.Length < 8L + count ? "truncated" : "longer than its header says")}.",
                expected);
        byte[] labels = bytes[8..];
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] >= classCount)
                throw new DataFileException(full, $"Label {i} is {labels[i]}, outside 0 … {classCount - 1}.", expected);
        return labels;
    }

    /// <summary>The file's bytes, gunzipped when it starts with the gzip magic 0x1f 0x8b.</summary>
    public static byte[] ReadAllBytes(string path, string expected)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            string where = Directory.Exists(Path.GetDirectoryName(full))
                ? "The file does not exist."
                : $"The file does not exist (nor does its folder {Path.GetDirectoryName(full)}; the current directory is {Environment.CurrentDirectory}).";
            throw new DataFileException(full, where, expected);
        }
        byte[] raw = File.ReadAllBytes(full);
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b) return raw;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream(raw.Length * 4);
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new DataFileException(full,
                $"The file starts like a gzip file but cannot be decompressed ({e.Message}); it is probably truncated or damaged.",
                expected, e);
        }
    }

    private static int ReadDimension(byte[] bytes, int offset, string path, string name, string expected)
    {
        uint value = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset));
        if (value == 0 || value > int.MaxValue)
            throw new DataFileException(path, $"The header's {name} is {value}, which is not a valid size.", expected);
        return (int)value;
    }

    // Names the common mix-ups: a label file where an image file was expected and the other way round.
    private static string Describe(uint magic) => magic switch
    {
        ImageMagic => " (an IDX image file)",
        LabelMagic => " (an IDX label file)",
        _ when magic >> 16 == 0x1f8b => " (gzip data: the file seems to be compressed twice)",
        _ => "",
    };
}

using System.IO.Compression;
using System.Text;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Weights;

/// <summary>
/// A <c>torch.save</c> zip archive holding one bare tensor (how Kokoro ships its voices): <c>&lt;name&gt;/data.pkl</c> is a pickled
/// <c>torch._utils._rebuild_tensor_v2(storage, offset, shape, stride, requires_grad, hooks)</c> whose storage is a persistent id
/// <c>("storage", torch.FloatStorage, key, location, numel)</c>, and <c>&lt;name&gt;/data/&lt;key&gt;</c> holds the raw little-endian elements.
/// </summary>
internal static class TorchTensorArchive
{
    private const string RebuildTensor = "torch._utils._rebuild_tensor_v2";

    private static readonly (string Storage, ScalarType Type)[] StorageTypes =
    [
        ("FloatStorage", ScalarType.Float32),
        ("DoubleStorage", ScalarType.Float64),
        ("HalfStorage", ScalarType.Float16),
        ("BFloat16Storage", ScalarType.BFloat16),
        ("LongStorage", ScalarType.Int64),
        ("IntStorage", ScalarType.Int32),
    ];

    public static bool StartsLikeZip(Stream stream)
    {
        Span<byte> signature = stackalloc byte[4];
        var start = stream.Position;
        var read = stream.ReadAtLeast(signature, 4, throwOnEndOfStream: false);
        stream.Position = start;
        return read == 4 && signature.SequenceEqual("PK\u0003\u0004"u8);
    }

    /// <summary>Reads the tensor onto the CPU, contiguous, outside any dispose scope.</summary>
    public static Tensor Read(Stream stream, string description)
    {
        if (!StartsLikeZip(stream))
        {
            throw new InvalidDataException($"{description} is not a torch.save zip archive (legacy or non-torch files are not supported).");
        }

        using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var pickleEntry = archive.Entries.SingleOrDefault(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal))
            ?? throw new InvalidDataException($"{description} has no data.pkl: not a torch.save archive.");
        var prefix = pickleEntry.FullName[..^"data.pkl".Length];

        if (archive.GetEntry(prefix + "byteorder") is { } byteOrderEntry)
        {
            var byteOrder = Encoding.ASCII.GetString(ReadAll(byteOrderEntry)).Trim();
            if (byteOrder != "little")
            {
                throw new InvalidDataException($"{description} stores its tensor {byteOrder}-endian; only little-endian is supported.");
            }
        }

        var root = TorchPickle.Read(ReadAll(pickleEntry));
        if (root is not PickleCall { Function: PickleGlobal { FullName: RebuildTensor }, Arguments: [PicklePersistentId { Id: object?[] storage }, long offset, object?[] shape, object?[] stride, ..] }
            || storage is not ["storage", PickleGlobal { Module: "torch" } storageType, string key, _, long count])
        {
            throw new InvalidDataException($"{description} does not hold a single bare tensor (its data.pkl is not one {RebuildTensor} call over a storage).");
        }

        var dtype = StorageTypes.FirstOrDefault(s => s.Storage == storageType.Name) is { Storage: not null } known
            ? known.Type
            : throw new InvalidDataException($"{description} holds a {storageType.Name}, which is not supported.");
        var dataEntry = archive.GetEntry($"{prefix}data/{key}")
            ?? throw new InvalidDataException($"{description} has no storage file {prefix}data/{key}.");
        var data = ReadAll(dataEntry);

        var storageTensor = empty(count, dtype);
        if (data.Length != storageTensor.ElementSize * count)
        {
            storageTensor.Dispose();
            throw new InvalidDataException($"{description}: storage {key} has {data.Length} bytes, but {count} {dtype} elements need {storageTensor.ElementSize * count}.");
        }

        storageTensor.bytes = data;
        using (storageTensor)
        {
            var view = storageTensor.as_strided(shape.Cast<long>().ToArray(), stride.Cast<long>().ToArray(), offset);
            using (view)
            {
                return view.contiguous().clone().DetachFromDisposeScope();
            }
        }
    }

    /// <summary>Writes <paramref name="tensor"/> as torch.save would (archive folder <paramref name="name"/>), so <c>torch.load</c> reads it back.</summary>
    public static void Write(Stream stream, string name, Tensor tensor)
    {
        using var contiguous = tensor.detach().cpu().contiguous();
        var storageName = StorageTypes.FirstOrDefault(s => s.Type == contiguous.dtype).Storage
            ?? throw new ArgumentException($"A {contiguous.dtype} tensor has no torch storage type here.", nameof(tensor));

        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        WriteEntry(archive, $"{name}/data.pkl", PickleBareTensor(storageName, contiguous));
        WriteEntry(archive, $"{name}/byteorder", "little"u8.ToArray());
        WriteEntry(archive, $"{name}/data/0", contiguous.bytes.ToArray());
        WriteEntry(archive, $"{name}/version", "3\n"u8.ToArray());
    }

    private static byte[] PickleBareTensor(string storageName, Tensor tensor)
    {
        using var pickle = new MemoryStream();
        using var writer = new BinaryWriter(pickle, Encoding.UTF8);

        void Global(string module, string name) => writer.Write(Encoding.ASCII.GetBytes($"c{module}\n{name}\n"));

        void String(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            writer.Write((byte)'X');
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }

        void Int(long value)
        {
            writer.Write((byte)'J');
            writer.Write(checked((int)value));
        }

        void Tuple(IEnumerable<long> values)
        {
            writer.Write((byte)'(');
            foreach (var value in values)
            {
                Int(value);
            }

            writer.Write((byte)'t');
        }

        writer.Write([0x80, 2]); // PROTO 2
        Global("torch._utils", "_rebuild_tensor_v2");
        writer.Write((byte)'('); // the argument tuple
        writer.Write((byte)'('); // the storage's persistent id
        String("storage");
        Global("torch", storageName);
        String("0");
        String("cpu");
        Int(tensor.NumberOfElements);
        writer.Write((byte)'t');
        writer.Write((byte)'Q'); // BINPERSID
        Int(0); // storage offset
        Tuple(tensor.shape);
        Tuple(tensor.stride());
        writer.Write((byte)0x89); // requires_grad = False
        Global("collections", "OrderedDict"); // backward hooks: OrderedDict()
        writer.Write((byte)')');
        writer.Write((byte)'R');
        writer.Write((byte)'t');
        writer.Write((byte)'R');
        writer.Write((byte)'.');
        writer.Flush();
        return pickle.ToArray();
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var source = entry.Open();
        var bytes = new byte[entry.Length];
        source.ReadExactly(bytes);
        return bytes;
    }

    private static void WriteEntry(ZipArchive archive, string path, byte[] bytes)
    {
        using var target = archive.CreateEntry(path, CompressionLevel.NoCompression).Open();
        target.Write(bytes);
    }
}

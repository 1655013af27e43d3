using System.Buffers.Binary;
using System.Text;

namespace AutoScale.Engines.Kokoro.Weights;

/// <summary>
/// Just enough of Python's pickle machine (protocols 2 to 4, the opcodes <c>torch.save</c> emits) to read a data.pkl
/// without running anything: globals become <see cref="PickleGlobal"/>, calls become <see cref="PickleCall"/> and
/// persistent ids (torch's storage references) become <see cref="PicklePersistentId"/>, for the caller to interpret.
/// </summary>
internal static class TorchPickle
{
    public static object? Read(byte[] pickle)
    {
        var stack = new List<object?>();
        var marks = new Stack<int>();
        var memo = new Dictionary<int, object?>();
        var position = 0;

        ReadOnlySpan<byte> Take(int count)
        {
            if (position + count > pickle.Length)
            {
                throw new InvalidDataException("The pickle ends in the middle of an opcode.");
            }

            var span = pickle.AsSpan(position, count);
            position += count;
            return span;
        }

        string Line()
        {
            var end = Array.IndexOf(pickle, (byte)'\n', position);
            if (end < 0)
            {
                throw new InvalidDataException("The pickle ends in the middle of a GLOBAL.");
            }

            var text = Encoding.ASCII.GetString(pickle, position, end - position);
            position = end + 1;
            return text;
        }

        object? Pop()
        {
            var top = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            return top;
        }

        object?[] PopToMark()
        {
            var start = marks.Pop();
            var items = stack.GetRange(start, stack.Count - start).ToArray();
            stack.RemoveRange(start, stack.Count - start);
            return items;
        }

        void SetItems(object?[] pairs)
        {
            var target = (Dictionary<object, object?>)stack[^1]!;
            for (var i = 0; i < pairs.Length; i += 2)
            {
                target[pairs[i]!] = pairs[i + 1];
            }
        }

        while (true)
        {
            var opcode = Take(1)[0];
            switch (opcode)
            {
                case 0x80: Take(1); break; // PROTO
                case 0x95: Take(8); break; // FRAME
                case (byte)'.': return Pop(); // STOP
                case (byte)'(': marks.Push(stack.Count); break; // MARK
                case (byte)'c': stack.Add(new PickleGlobal(Line(), Line())); break; // GLOBAL
                case 0x93: // STACK_GLOBAL
                    var name = (string)Pop()!;
                    stack.Add(new PickleGlobal((string)Pop()!, name));
                    break;
                case (byte)'X': stack.Add(Encoding.UTF8.GetString(Take(BinaryPrimitives.ReadInt32LittleEndian(Take(4))))); break; // BINUNICODE
                case 0x8c: stack.Add(Encoding.UTF8.GetString(Take(Take(1)[0]))); break; // SHORT_BINUNICODE
                case (byte)'J': stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break; // BININT
                case (byte)'K': stack.Add((long)Take(1)[0]); break; // BININT1
                case (byte)'M': stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break; // BININT2
                case 0x8a: // LONG1: little-endian two's complement of n bytes
                    var bytes = Take(Take(1)[0]);
                    stack.Add(bytes.Length == 0 ? 0L : (long)new System.Numerics.BigInteger(bytes, isUnsigned: false, isBigEndian: false));
                    break;
                case (byte)'G': stack.Add(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break; // BINFLOAT
                case (byte)'N': stack.Add(null); break; // NONE
                case 0x88: stack.Add(true); break; // NEWTRUE
                case 0x89: stack.Add(false); break; // NEWFALSE
                case (byte)')': stack.Add(Array.Empty<object?>()); break; // EMPTY_TUPLE
                case (byte)'t': stack.Add(PopToMark()); break; // TUPLE
                case 0x85: stack.Add(new[] { Pop() }); break; // TUPLE1
                case 0x86: { var b = Pop(); stack.Add(new[] { Pop(), b }); break; } // TUPLE2
                case 0x87: { var c = Pop(); var b = Pop(); stack.Add(new[] { Pop(), b, c }); break; } // TUPLE3
                case (byte)']': stack.Add(new List<object?>()); break; // EMPTY_LIST
                case (byte)'a': { var item = Pop(); ((List<object?>)stack[^1]!).Add(item); break; } // APPEND
                case (byte)'e': { var items = PopToMark(); ((List<object?>)stack[^1]!).AddRange(items); break; } // APPENDS
                case (byte)'}': stack.Add(new Dictionary<object, object?>()); break; // EMPTY_DICT
                case (byte)'s': { var value = Pop(); var key = Pop(); SetItems([key, value]); break; } // SETITEM
                case (byte)'u': SetItems(PopToMark()); break; // SETITEMS
                case (byte)'Q': stack.Add(new PicklePersistentId(Pop())); break; // BINPERSID
                case (byte)'R': { var args = (object?[])Pop()!; stack.Add(new PickleCall(Pop()!, args)); break; } // REDUCE
                case (byte)'b': { var state = Pop(); if (stack[^1] is PickleCall call) { call.State = state; } break; } // BUILD
                case (byte)'q': memo[Take(1)[0]] = stack[^1]; break; // BINPUT
                case (byte)'r': memo[BinaryPrimitives.ReadInt32LittleEndian(Take(4))] = stack[^1]; break; // LONG_BINPUT
                case 0x94: memo[memo.Count] = stack[^1]; break; // MEMOIZE
                case (byte)'h': stack.Add(memo[Take(1)[0]]); break; // BINGET
                case (byte)'j': stack.Add(memo[BinaryPrimitives.ReadInt32LittleEndian(Take(4))]); break; // LONG_BINGET
                default:
                    throw new InvalidDataException($"Pickle opcode 0x{opcode:x2} at byte {position - 1} is not one torch.save writes for tensors.");
            }
        }
    }
}

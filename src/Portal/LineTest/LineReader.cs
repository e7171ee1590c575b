using System.Text;

namespace Portal.LineTest;

/// <summary>CRLF-terminated lines from a stream, refusing any longer than the limit.</summary>
internal sealed class LineReader(int max)
{
    private readonly byte[] _buffer = new byte[max];
    private int _start, _end;

    public void Discard() => _start = _end = 0;

    public async ValueTask<string?> ReadLineAsync(Stream stream, CancellationToken token)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.Latin1.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                _start = newline + 1;
                return line;
            }
            if (_end - _start >= _buffer.Length) throw new LineTooLongException();
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), token);
            if (read == 0) return null;
            _end += read;
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Tests.Support;

/// <summary>Programs the tests run (dotnet, nginx, docker-compose, curl) and loopback ports. Shared with Portal.BrowserTests (linked).</summary>
public static class Processes
{
    /// <summary>Runs a program to its end: its exit code, and standard output followed by standard error.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, string? workingDirectory = null,
        string? input = null, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var (exit, stdout, stderr) = await RunApartAsync(file, arguments, workingDirectory, input, environment, cancellationToken);
        return (exit, stdout + stderr);
    }

    /// <summary>Runs a program to its end: its exit code, standard output and standard error apart (for output that is a document).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunApartAsync(string file, IEnumerable<string> arguments, string? workingDirectory = null,
        string? input = null, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
        };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Text.Json;
using BoltzDrift.IO;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// The whole benchmark result as JSON, in BoltzDrift's file conventions (<see cref="Json.Options"/>:
/// snake_case keys, enums as strings, NaN and infinities as named literals).
/// </summary>
public static class BenchmarkJson
{
    /// <summary>The JSON text of <paramref name="result"/>.</summary>
    public static string Render(BenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(result, Json.Options);
    }
}

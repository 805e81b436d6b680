using System.Text.Json;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// What Azurite holds on disk, read from its data folder: every file's size, and the rows and bytes of each table (in
/// <c>__azurite_db_table__.json</c>) and each blob container's entries (in <c>__azurite_db_blob__.json</c>). Both are
/// LokiJS databases, one JSON file each that Azurite rewrites whole as it saves; a row's bytes are its JSON text there.
/// </summary>
public static class AzuriteDataTally
{
    /// <summary>The tally once Azurite has saved its table database after <paramref name="since"/> (it saves every few seconds), at most 30 s later.</summary>
    public static async Task<IReadOnlyList<string>> AfterNextSave(string? folder, DateTime since)
    {
        var table = folder is null ? null : new FileInfo(Path.Combine(folder, "__azurite_db_table__.json"));
        for (var waited = 0; table is not null && waited < 300; waited++)
        {
            table.Refresh();
            if (table.Exists && table.LastWriteTimeUtc > since)
            {
                break;
            }

            await Task.Delay(100);
        }

        return [.. Of(folder)];
    }

    public static IEnumerable<string> Of(string? folder)
    {
        if (folder is null || !Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.TopDirectoryOnly).OrderByDescending(file => file.Length))
        {
            yield return $"{file.Name}: {file.Length / 1024.0 / 1024.0:N1} MiB";
        }

        foreach (var directory in new DirectoryInfo(folder).EnumerateDirectories())
        {
            var files = directory.EnumerateFiles("*", SearchOption.AllDirectories).ToList();
            yield return $"{directory.Name}/: {files.Count:N0} files, {files.Sum(file => file.Length) / 1024.0 / 1024.0:N1} MiB";
        }

        foreach (var name in new[] { "__azurite_db_table__.json", "__azurite_db_blob__.json" })
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path))
            {
                continue;
            }

            foreach (var (group, rows, bytes) in Collections(path).Where(group => group.Rows > 0).OrderByDescending(group => group.Bytes))
            {
                yield return $"{name} {group}: {rows:N0} rows, {bytes / 1024.0 / 1024.0:N1} MiB, {bytes / rows:N0} B/row";
            }
        }
    }

    /// <summary>Each collection's rows, those of the blob collections grouped by container.</summary>
    private static IEnumerable<(string Group, long Rows, long Bytes)> Collections(string path)
    {
        using var stream = File.OpenRead(path);
        using var database = JsonDocument.Parse(stream);
        var groups = new Dictionary<string, (long Rows, long Bytes)>(StringComparer.Ordinal);
        foreach (var collection in database.RootElement.GetProperty("collections").EnumerateArray())
        {
            var name = collection.GetProperty("name").GetString() ?? "?";
            foreach (var row in collection.GetProperty("data").EnumerateArray())
            {
                var group = row.ValueKind == JsonValueKind.Object && row.TryGetProperty("containerName", out var container) ? $"{name} {container.GetString()}" : name;
                var (rows, bytes) = groups.GetValueOrDefault(group);
                groups[group] = (rows + 1, bytes + row.GetRawText().Length);
            }
        }

        return groups.Select(pair => (pair.Key, pair.Value.Rows, pair.Value.Bytes)).ToList();
    }
}

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>Files of the repository the tests run from, for checks on what ships (configuration, manifests).</summary>
public static class Repository
{
    public static readonly string Root = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BaiTiaoSwitch.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: no BaiTiaoSwitch.sln above " + AppContext.BaseDirectory);
    }
}

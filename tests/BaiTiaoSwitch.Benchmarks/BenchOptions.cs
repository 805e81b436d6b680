using System.Globalization;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>Settings of one benchmark run. Every loop is bounded by a duration, so a run always ends by itself.</summary>
public sealed class BenchOptions
{
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>"memory": a private Azurite in memory only (default); "fresh": the same with an empty data folder on disk; "shared": <see cref="ConnectionString"/>.</summary>
    public string Azurite { get; set; } = "memory";

    /// <summary>Silos of each in-process test cluster.</summary>
    public short Silos { get; set; } = 1;

    /// <summary>"memory" (TestCluster's default in-process transport) or "tcp" (loopback sockets, as in production).</summary>
    public string Transport { get; set; } = "memory";

    public TimeSpan Warmup { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan Measure { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Concurrent callers on the hot line, split over the alipay and wechatpay grants.</summary>
    public int HotCallers { get; set; } = 64;

    public int Lines { get; set; } = 10_000;

    /// <summary>Lines opened at once during setup of workload (b).</summary>
    public int SetupParallelism { get; set; } = 128;

    public int ZipfCallers { get; set; } = 256;

    public double ZipfExponent { get; set; } = 1.0;

    public TimeSpan RawDuration { get; set; } = TimeSpan.FromSeconds(3);

    public int RawParallelism { get; set; } = 64;

    public long AmountFen { get; set; } = 100;

    /// <summary>Which parts to run, in this order: r w a o n p b (see <see cref="Usage"/>).</summary>
    public string Parts { get; set; } = "rwaonpb";

    /// <summary>Workload (b)'s setup stops opening lines after this long, and the rest of the run uses those it opened.</summary>
    public TimeSpan SetupDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long (b) holds its idle lines after measuring them, so a heap dump can be taken of them.</summary>
    public TimeSpan IdlePause { get; set; } = TimeSpan.Zero;

    /// <summary>Open-loop rates, as fractions of the hot line's closed-loop saturation throughput.</summary>
    public double[] OpenLoopFractions { get; set; } = [0.5, 0.9];

    /// <summary>The saturation throughput to use for the open loop when part a does not run in the same run.</summary>
    public double? Saturation { get; set; }

    /// <summary>pgbench clients of every peer workload: the switch's hot-line callers, unless set.</summary>
    public int? PeerClientsSet { get; set; }

    public int PeerClients => PeerClientsSet ?? HotCallers;

    public TimeSpan? PeerDurationSet { get; set; }

    public TimeSpan PeerDuration => PeerDurationSet ?? Measure;

    /// <summary>Entities per entity-group transaction when measuring Azurite's batched write ceiling (100 is Azure's maximum).</summary>
    public int BatchEntities { get; set; } = 100;

    public int BatchParallelism { get; set; } = 4;

    /// <summary>The output of tests/BaiTiaoSwitch.Gateway.Benchmarks, whose signed-HTTP figure the summary quotes.</summary>
    public string? HttpResultFile { get; set; }

    /// <summary>What-if: "orleans" makes journal and snapshots use Orleans' binary serializer instead of the default Newtonsoft JSON.</summary>
    public string StorageSerializer { get; set; } = "json";

    /// <summary>What-if: run snapshot writes (serialization included) on the thread pool instead of the account grain's turn.</summary>
    public bool SnapshotOffTurn { get; set; }

    /// <summary>What-ifs: switch settings (SwitchOptions) to set in the silos, as Name=Value.</summary>
    public Dictionary<string, string> SwitchSettings { get; } = new(StringComparer.Ordinal);

    /// <summary>Part g: authorizations pushed between the fresh and the aged measurement of the hot line.</summary>
    public long AgeAuthorizations { get; set; } = 1_000_000;

    /// <summary>Keep the run's tables and container in Azurite afterwards (they are deleted by default).</summary>
    public bool Keep { get; set; }

    public bool Runs(char part) => Parts.Contains(part, StringComparison.Ordinal);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--connection": options.ConnectionString = Next(); options.Azurite = "shared"; break;
                case "--azurite": options.Azurite = Next(); break;
                case "--set":
                    var setting = Next().Split('=', 2);
                    options.SwitchSettings[setting[0]] = setting.Length == 2 ? setting[1] : throw new ArgumentException("--set takes Name=Value (a SwitchOptions setting).");
                    break;
                case "--age-authorizations": options.AgeAuthorizations = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--silos": options.Silos = short.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--transport": options.Transport = Next(); break;
                case "--warmup": options.Warmup = Seconds(Next()); break;
                case "--seconds": options.Measure = Seconds(Next()); break;
                case "--callers": options.HotCallers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--lines": options.Lines = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--setup-parallelism": options.SetupParallelism = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--zipf-callers": options.ZipfCallers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--zipf-s": options.ZipfExponent = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--raw-seconds": options.RawDuration = Seconds(Next()); break;
                case "--raw-parallelism": options.RawParallelism = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--parts": options.Parts = Next(); break;
                case "--setup-seconds": options.SetupDuration = Seconds(Next()); break;
                case "--idle-pause": options.IdlePause = Seconds(Next()); break;
                case "--open-rates": options.OpenLoopFractions = Next().Split(',').Select(rate => double.Parse(rate, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--saturation": options.Saturation = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--peer-clients": options.PeerClientsSet = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--peer-seconds": options.PeerDurationSet = Seconds(Next()); break;
                case "--batch-entities": options.BatchEntities = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--batch-parallelism": options.BatchParallelism = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--http-result": options.HttpResultFile = Next(); break;
                case "--keep": options.Keep = true; break;
                case "--alloc-types": AllocationSampler.Enable(); break;
                case "--storage-serializer": options.StorageSerializer = Next(); break;
                case "--snapshot-off-turn": options.SnapshotOffTurn = true; break;
                case "--quick":
                    options.Warmup = TimeSpan.FromSeconds(1);
                    options.Measure = TimeSpan.FromSeconds(3);
                    options.Lines = 1_000;
                    options.RawDuration = TimeSpan.FromSeconds(1);
                    options.SetupDuration = TimeSpan.FromMinutes(1);
                    break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    Environment.Exit(0);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {name}.\n{Usage}");
            }
        }

        if (options.Silos is < 1 or > 5 || options.HotCallers < 1 || options.ZipfCallers < 1 || options.Lines < 1 || options.SetupParallelism < 1
            || options.RawParallelism < 1 || options.ZipfExponent <= 0 || options.Transport is not ("memory" or "tcp") || options.Azurite is not ("fresh" or "memory" or "shared") || options.StorageSerializer is not ("json" or "orleans")
            || options.Measure <= TimeSpan.Zero || options.Measure > TimeSpan.FromMinutes(10) || options.Warmup < TimeSpan.Zero
            || options.SetupDuration <= TimeSpan.Zero || options.SetupDuration > TimeSpan.FromMinutes(30) || options.IdlePause < TimeSpan.Zero || options.PeerClients < 1 || options.PeerDuration <= TimeSpan.Zero
            || options.OpenLoopFractions.Any(fraction => fraction is <= 0 or > 2) || options.BatchEntities is < 1 or > 100 || options.BatchParallelism < 1 || options.Saturation <= 0)
        {
            throw new ArgumentException($"Bad option value.\n{Usage}");
        }

        return options;
    }

    public const string Usage = """
        BaiTiaoSwitch benchmark: a real in-process Orleans cluster on Azurite, and a PostgreSQL peer, in one run.
          --parts rwaonpb         in this order: r raw Azurite inserts; w Azurite's batched write ceiling (entity-group
                                  transactions); a hot line, closed loop (its saturation throughput); o hot line, open
                                  loop at fixed rates; n hot line without group commit; p PostgreSQL peer (pgbench);
                                  b 10,000 Zipf lines (setup rate, memory per idle line, then traffic)
          k (only when asked for) the hot line with no risk rule, with six in enforce (one of each kind, none firing
                          on its traffic), and with none again, in one cluster: the rules' cost (target >= 85%)
          g (only when asked for) the hot line on a fresh on-disk Azurite, then again after --age-authorizations
                          (1,000,000) on the same data folder: use with --azurite fresh
          --azurite memory        memory: start a private Azurite (node_modules/.bin/azurite) on free ports with
                                  --inMemoryPersistence and stop it at the end; fresh: the same with an empty data folder
                                  on disk (its table store rewrites the whole database file every few seconds, so it
                                  slows down as the run writes); shared: use --connection (default
                                  UseDevelopmentStorage=true, the Azurite already running)
          --silos 1               silos per test cluster
          --transport memory|tcp  TestCluster's in-memory transport (default) or loopback TCP sockets
          --warmup 3 --seconds 10 warm-up and measured seconds of each workload
          --callers 64            concurrent callers on the hot line (over 2 grants)
          --lines 10000           lines of workload (b); --zipf-s 1.0 skew; --zipf-callers 256
          --setup-parallelism 128 lines opened at once; --setup-seconds 300 stop opening lines after this long
          --idle-pause 0          hold (b)'s idle lines this many seconds after measuring them (for dotnet-gcdump)
          --open-rates 0.5,0.9    open-loop rates as fractions of the closed-loop saturation; --saturation N (auth/s)
                                  stands in for part a when it does not run
          --peer-clients 64       pgbench clients (default: --callers); --peer-seconds (default: --seconds)
          --batch-entities 100 --batch-parallelism 4   Azurite entity-group transactions
          --http-result FILE      quote the signed-HTTP figure from the output of tests/BaiTiaoSwitch.Gateway.Benchmarks
          --raw-seconds 3 --raw-parallelism 64
          --keep                  keep this run's tables and container in Azurite
          --alloc-types           sample what each closed-loop workload allocates, by type (the runtime's allocation ticks)
        what-ifs (they change the system under test, only through the silo's configuration; the default is production):
          --set Name=Value              a SwitchOptions setting, e.g. --set RequestKeyShards=1 (repeatable)
          --storage-serializer orleans  journal and snapshots in Orleans' binary format instead of Newtonsoft JSON
          --snapshot-off-turn           snapshot writes (and their serialization) run off the account grain's turn
          --quick                 a short smoke run
          --connection "UseDevelopmentStorage=true"   implies --azurite shared
        """;

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}

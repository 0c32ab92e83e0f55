using System.Text.Json;
using WebDevSync.Bench;
using WebDevSync.Bench.Cluster;
using WebDevSync.Bench.Idle;
using WebDevSync.Bench.Load;
using WebDevSync.Bench.Save;
using WebDevSync.Bench.Servers;
using WebDevSync.Bench.Suite;

// WebDevSync's benchmark (issue 7). Commands:
//   suite  [--quick] [--runs N] ...          the whole comparison, alternating relays (what scripts/bench runs)
//   load   --server webdevsync|reference [--generator dotnet|node] [--shards N (default: the relay's own)] [--transport ws|grpc|grpcweb|grpcweb2|grpcmixed] [--tls] [--pairs N] [--payload BYTES] [--warmup S] [--seconds S]
//   idle   --server webdevsync|reference [--pairs N] [--transport ws|grpc]
//   (load, idle, save: --server-env K=V,K2=V2 sets the relay's environment, --server-cmd "CMD" runs another relay; for experiments)
//   save   [--saves N] [--interval-ms MS]     the real agent and a scripted editor, file write → browser
//   editor FILE --saves N --interval-ms MS    the scripted editor the agent launches in `save`
//   live   [--changes N] [--interval-ms MS]   the real agent and real nvim: keystroke → tab, page change → buffer, relay CPU per change
//   live-sizes [--changes N] [--interval-ms MS] one-char page changes to 1 KiB, 64 KiB and 1 MiB documents, whole and as edits (issue 28)
//   live-emacs [--changes N] [--interval-ms MS] the real agent and real Emacs (atomic-chrome, --editor ghosttext): keystroke → tab
//   cluster [--topologies one,two-cross,two-spread,nginx] [--pairs 1,100] [--runs N] [--warmup S] [--seconds S] [--no-wait: connect before the nodes meet]
//                                             one node against two nodes on Redis (tab and agent on different nodes, or each pair on one) and one node behind nginx
var args_ = new BenchArgs(args);
var root = args_.Root();
var json = new JsonSerializerOptions { WriteIndented = false };
var server = new ServerSpec(args_.Text("server", "webdevsync") == "reference" ? ServerKind.Reference : ServerKind.WebDevSync,
    args_.Flag("shards") ? args_.Int("shards", 1) : null)
{
    Command = args_.Text("server-cmd", "") is { Length: > 0 } cmd ? cmd : null,
    Tls = args_.Flag("tls"),
    Environment = args_.Text("server-env", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]),
};

var transport = args_.Text("transport", "ws") switch
{
    "ws" => Transport.WebSocket, "grpc" => Transport.Grpc, "grpcweb" => Transport.GrpcWeb, "grpcmixed" => Transport.GrpcMixed, "grpcweb2" => Transport.GrpcWebHttp2,
    var other => throw new ArgumentException($"--transport {other}: expected ws, grpc, grpcweb, grpcweb2 or grpcmixed"),
};

switch (args_.Command)
{
    case "load":
    {
        var generator = args_.Text("generator", "dotnet") switch
        {
            "dotnet" => Generator.Dotnet, "node" => Generator.Node,
            var other => throw new ArgumentException($"--generator {other}: expected dotnet or node"),
        };
        var spec = new LoadSpec(transport, args_.Int("pairs", 10), args_.Int("payload", 1024), args_.Number("warmup", 2), args_.Number("seconds", 5), generator);
        var result = await LoadRun.RunAsync(spec, server, root);
        Console.WriteLine(Report.LoadTable([result]));
        Console.WriteLine(JsonSerializer.Serialize(result, json));
        return result.Errors == 0 ? 0 : 1;
    }
    case "idle":
    {
        var result = await IdleRun.RunAsync(args_.Int("pairs", 1000), server, root, args_.Number("settle", 3), transport);
        Console.WriteLine(JsonSerializer.Serialize(result, json));
        return result.Errors == 0 ? 0 : 1;
    }
    case "save":
    {
        var result = await SaveRun.RunAsync(server, root, args_.Int("saves", 50), args_.Int("interval-ms", 100), args_.Text("agent", ""));
        Console.WriteLine(JsonSerializer.Serialize(result, json));
        return result.Errors == 0 ? 0 : 1;
    }
    case "live":
    {
        var result = await WebDevSync.Bench.Live.LiveRun.RunAsync(server, root, args_.Int("changes", 200), args_.Int("interval-ms", 30), args_.Text("agent", ""));
        Console.WriteLine(JsonSerializer.Serialize(result, json));
        return result.Problem is null ? 0 : 1;
    }
    case "live-sizes":
    {
        var results = await WebDevSync.Bench.Live.DocumentSizeRun.RunAsync(server, root, args_.Int("changes", 200), args_.Int("interval-ms", 10));
        Console.WriteLine(WebDevSync.Bench.Live.DocumentSizeRun.Table(results));
        Console.WriteLine(JsonSerializer.Serialize(results, json));
        return results.All(r => r.Problem is null) ? 0 : 1;
    }
    case "live-emacs":
    {
        var result = await WebDevSync.Bench.Live.EmacsLiveRun.RunAsync(server, root, args_.Int("changes", 200), args_.Int("interval-ms", 30), args_.Text("agent", ""));
        Console.WriteLine(JsonSerializer.Serialize(result, json));
        return result.Problem is null ? 0 : 1;
    }
    case "cluster":
    {
        var topologies = args_.Text("topologies", "one,two-cross,two-spread,nginx").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ClusterTopology.Parse).ToArray();
        var template = new ClusterSpec(Topology.One, 0, args_.Int("payload", 1024), args_.Number("warmup", 4), args_.Number("seconds", 5), !args_.Flag("no-wait"));
        var pairCounts = args_.Text("pairs", "1,100").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var results = await ClusterRuns.RunAsync(topologies, pairCounts, args_.Int("runs", 1), template, root);
        Console.WriteLine(ClusterReport.Table(ClusterReport.Medians(results)));
        Console.WriteLine(ClusterReport.AddedPerHop(ClusterReport.Medians(results)));
        Console.WriteLine(JsonSerializer.Serialize(results, json));
        return results.All(r => r.Problem is null || r.Pending) ? 0 : 1;
    }
    case "editor":
        return await ScriptedEditor.RunAsync(args_.Positional.FirstOrDefault() ?? "", args_.Int("saves", 50), args_.Int("interval-ms", 100), args_.Int("payload", 1024));
    case "suite":
        return await BenchSuite.RunAsync(SuitePlan.From(args_), root);
    default:
        Console.Error.WriteLine($"unknown command {args_.Command}; see the comment at the top of Program.cs");
        return 2;
}

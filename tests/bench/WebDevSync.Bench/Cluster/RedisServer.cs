namespace WebDevSync.Bench.Cluster;

/// <summary>Debian's redis-server on a free loopback port, keeping nothing on disk: what the nodes share.</summary>
public static class RedisServer
{
    public const string Binary = "/usr/bin/redis-server";

    public static async Task<(ChildProcess Process, string Address)> StartAsync(string dir)
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} is missing: apt-get install redis-server (scripts/bench does this)");
        var port = FreePort.Pick();
        var redis = ChildProcess.Start("redis", Binary, ["--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--save", "", "--appendonly", "no", "--dir", dir]);
        await FreePort.WaitAcceptingAsync(port, redis.Process, "redis-server");
        return (redis, $"127.0.0.1:{port}");
    }
}

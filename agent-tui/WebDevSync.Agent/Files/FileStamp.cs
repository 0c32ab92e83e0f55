namespace WebDevSync.Agent.Files;

/// <summary>Length and modification time: equal stamps before and after a read mean nobody wrote meanwhile.</summary>
public readonly record struct FileStamp(long Length, DateTime WriteTimeUtc)
{
    public static FileStamp? Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : null;
    }
}

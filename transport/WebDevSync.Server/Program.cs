using WebDevSync.Server.Hosting;

SocketCompletions.RunInline();
return await ServerApp.RunAsync(args);

using WebDevSync.Server.Hosting;

SocketThreads.Configure();
return await ServerApp.RunAsync(args);

using WebDevSync.Server.Hosting;

return await ServerApp.RunAsync(args);

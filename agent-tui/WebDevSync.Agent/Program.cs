using WebDevSync.Agent.Hosting;

return await AgentProgram.RunAsync(args);

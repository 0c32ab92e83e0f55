global using Xunit;
global using WebDevSync.Security.Tests.Infrastructure;
global using WebDevSync.TestKit;
global using WebDevSync.TestKit.Json;
global using WebDevSync.TestKit.Processes;
global using WebDevSync.TestKit.Raw;

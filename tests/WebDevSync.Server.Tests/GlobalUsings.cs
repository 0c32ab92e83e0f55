global using Xunit;
global using WebDevSync.Server.Tests.Infrastructure;

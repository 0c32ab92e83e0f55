global using Xunit;
global using WebDevSync.Security.Tests.Infrastructure;

namespace WebDevSync.Core.Tests; public class P { [Xunit.Fact] public void Works() => Xunit.Assert.True(true); }

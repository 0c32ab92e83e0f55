namespace WebDevSync.Agent.Model;

/// <summary>
/// The relay (or whatever answered at the agent's URL) turned the connection down: the HTTP status it
/// answered instead of <c>101</c> (a gRPC status mapped to its HTTP meaning; 0 when the answer was not
/// HTTP/1.1 at all) and the reason it gave, from its <c>X-WebDevSync-Reason</c> header or status detail.
/// </summary>
public sealed record RelayRefusal(int Status, string Reason);

namespace WebDevSync.Core.Tests.Properties;

/// <summary>Every scenario property at once, for replaying a frozen counterexample against all of them.</summary>
internal static class AllProperties
{
    static readonly Action<Trace>[] Checks =
    [
        IsolationProperties.NoMessageReachesAnotherUser, IsolationProperties.CodeUpdatesReachOnlyTheBoundTab,
        IsolationProperties.ClosesReachOnlyTheBoundTab, IsolationProperties.EditRequestsGoToTheNewestAgent,
        IsolationProperties.ForeignSessionsAreForbidden,
        OutcomeProperties.ExactlyOneOutcome, OutcomeProperties.ErrorsChangeNothing,
        StateProperties.CountsMatch, StateProperties.IndexesAgree, StateProperties.SessionsMatchTheModel,
        StateProperties.SessionsChangeOnlyThroughTheirOwner, StateProperties.SeqOnlyGrows,
        LifecycleProperties.NothingRemainsAfterGrace, LifecycleProperties.PresenceIsTruthful, LifecycleProperties.LateDisconnectsAreNoOps,
        DeterminismProperties.SameTwice, ModelProperties.AgreesWithTheReferenceModel,
        ShardingProperties.TwoShardsAgree, ShardingProperties.FourShardsAgree,
        LiveEditingProperties.HoldersConverge, LiveEditingProperties.SeqsGrow, LiveEditingProperties.NoEcho,
        LiveEditingProperties.ComingBackCatchesUp, LiveEditingProperties.PageChangesStayWithTheirTab,
        RestartProperties.KeepsEverySession, RestartProperties.DropsEveryConnection, RestartProperties.NumbersAboveWhatClientsHave,
    ];

    public static Trace Hold(Scenario scenario)
    {
        var trace = ScenarioRunner.Run(scenario);
        foreach (var check in Checks) check(trace);
        return trace;
    }
}

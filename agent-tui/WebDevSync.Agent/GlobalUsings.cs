// The agent reducer's step result: the core's one transition type over the agent's state and effects.
global using AgentTransition = WebDevSync.Core.Stepping.Transition<WebDevSync.Agent.Model.AgentState, WebDevSync.Agent.Model.AgentEffect>;

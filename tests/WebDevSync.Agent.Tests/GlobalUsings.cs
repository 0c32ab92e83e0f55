// The agent reducer's step result (the core's one transition type); see agent-tui/WebDevSync.Agent/GlobalUsings.cs.
global using AgentTransition = WebDevSync.Core.Stepping.Transition<WebDevSync.Agent.Model.AgentState, WebDevSync.Agent.Model.AgentEffect>;

// The router's step result (the core's one transition type); see core/WebDevSync.Core/GlobalUsings.cs.
global using Transition = WebDevSync.Core.Stepping.Transition<WebDevSync.Core.Routing.RouterState, WebDevSync.Core.Routing.Effect>;

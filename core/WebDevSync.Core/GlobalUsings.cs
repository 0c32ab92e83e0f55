// The router's step result: the core's one transition type over the router's state and effects.
global using Transition = WebDevSync.Core.Stepping.Transition<WebDevSync.Core.Routing.RouterState, WebDevSync.Core.Routing.Effect>;

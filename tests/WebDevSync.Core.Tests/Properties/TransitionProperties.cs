using WebDevSync.Core.Stepping;
using WebDevSync.Tests.Properties;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>
/// The one transition type every reducer returns: chained steps thread the state and keep every
/// effect, earlier steps' first, whatever the state and effect types.
/// </summary>
public class TransitionProperties
{
    // A step that adds its item to the state and emits the state it saw and the item.
    private static Transition<int, string> Add(int state, int item) =>
        Transition<int, string>.Of(unchecked(state + item)).Emit($"{state}+{item}");

    [Property(Cases.Medium)]
    public bool ThenEach_threads_the_state_and_keeps_every_effect_in_order(int start, int[] items)
    {
        var t = Transition<int, string>.Of(start).Emit("first").ThenEach(items, Add);
        var state = start;
        var expected = new List<string> { "first" };
        foreach (var item in items)
        {
            expected.Add($"{state}+{item}");
            state = unchecked(state + item);
        }
        return t.State == state && t.Effects.SequenceEqual(expected);
    }

    [Property(Cases.Medium)]
    public bool Map_and_With_change_the_state_and_never_the_effects(int start, int[] items, int replaced)
    {
        var t = Transition<int, string>.Of(start).ThenEach(items, Add);
        return t.Map(s => unchecked(s * 2)).State == unchecked(t.State * 2) && t.Map(s => s).Effects.SequenceEqual(t.Effects)
            && t.With(replaced).State == replaced && t.With(replaced).Effects.SequenceEqual(t.Effects);
    }
}

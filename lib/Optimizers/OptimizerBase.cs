using RegularizationLab.Errors;
using RegularizationLab.Layers;

namespace RegularizationLab.Optimizers;

/// <summary>The step counter, the schedule, and per-parameter state buffers shared by every optimizer.</summary>
public abstract class OptimizerBase : IOptimizer
{
    private readonly Dictionary<Parameter, double[]>[] _state;

    protected OptimizerBase(ILearningRateSchedule schedule, int stateBuffersPerParameter)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Schedule = schedule;
        _state = new Dictionary<Parameter, double[]>[stateBuffersPerParameter];
        for (int i = 0; i < _state.Length; i++) _state[i] = new Dictionary<Parameter, double[]>();
    }

    public ILearningRateSchedule Schedule { get; }
    public int StepCount { get; private set; }
    public double CurrentLearningRate { get; private set; }

    public void Step(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int t = ++StepCount;
        double multiplier = Schedule.Multiplier(t);
        double rate = Schedule.InitialRate * multiplier;
        CurrentLearningRate = rate;
        for (int i = 0; i < parameters.Count; i++) Update(parameters[i], t, rate, multiplier);
    }

    /// <summary>Updates one parameter at step <paramref name="t"/> with learning rate α_t = α·η_t.</summary>
    protected abstract void Update(Parameter parameter, int t, double rate, double multiplier);

    /// <summary>State buffer number <paramref name="index"/> of a parameter (zeros on first use).</summary>
    protected double[] State(int index, Parameter parameter)
    {
        var table = _state[index];
        if (!table.TryGetValue(parameter, out var buffer))
        {
            buffer = new double[parameter.Value.Length];
            table[parameter] = buffer;
        }
        return buffer;
    }

    public virtual void Reset()
    {
        StepCount = 0;
        CurrentLearningRate = 0;
        foreach (var table in _state) table.Clear();
    }

    protected static void CheckMomentum(double momentum)
    {
        Guard.InHalfOpenRange(momentum, 0.0, 1.0, nameof(momentum));
    }

    protected static ILearningRateSchedule Constant(double learningRate) => new ConstantSchedule(learningRate);

    protected static void CheckScale(WeightDecayScale scale)
    {
        if (!Enum.IsDefined(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale,
                $"scale must be {nameof(WeightDecayScale.ScheduleMultiplier)} or {nameof(WeightDecayScale.LearningRate)}; got {scale}.");
    }

    /// <summary>
    /// d_t = λ·η_t (<see cref="WeightDecayScale.ScheduleMultiplier"/>) or λ·α·η_t (<see cref="WeightDecayScale.LearningRate"/>),
    /// the fraction of each weight a decoupled decay removes at a step. It must stay in [0, 1]: with d_t &gt; 1 the
    /// factor (1 − d_t) is negative and every step flips the weights' signs.
    /// </summary>
    protected static double DecayFraction(double decay, WeightDecayScale scale, double rate, double multiplier, string decayName)
    {
        double d = decay * (scale == WeightDecayScale.ScheduleMultiplier ? multiplier : rate);
        if (!(d <= 1.0))
            throw new ArgumentOutOfRangeException(decayName, decay,
                $"{decayName} = {decay} removes {d} of each weight per step ({decayName} × " +
                (scale == WeightDecayScale.ScheduleMultiplier ? $"schedule multiplier {multiplier}" : $"learning rate {rate}") +
                $"), but at most 1 (all of it) is allowed: a larger decay flips the weights' signs. Use a smaller {decayName}.");
        return d;
    }
}

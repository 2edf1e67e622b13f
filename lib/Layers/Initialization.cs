namespace RegularizationLab.Layers;

/// <summary>How a <see cref="Linear"/> layer draws its initial weights (fan_in = inputs, fan_out = outputs).</summary>
public enum Initialization
{
    /// <summary>Glorot &amp; Bengio (2010): W ~ U(−a, a), a = √(6/(fan_in + fan_out)); b = 0. Keeps tanh layers' variance steady.</summary>
    XavierUniform,

    /// <summary>W ~ N(0, 2/(fan_in + fan_out)); b = 0.</summary>
    XavierNormal,

    /// <summary>He et al. (2015): W ~ N(0, 2/fan_in); b = 0. The factor 2 makes up for ReLU zeroing half its inputs.</summary>
    HeNormal,

    /// <summary>W ~ U(−a, a), a = √(6/fan_in); b = 0.</summary>
    HeUniform,

    /// <summary>W and b ~ U(−1/√fan_in, 1/√fan_in): PyTorch's nn.Linear default.</summary>
    UniformFanIn,
}

namespace RegularizationLab.Layers;

/// <summary>The nonlinearity between the linear layers of an <see cref="Mlp"/>.</summary>
public enum Activation
{
    Tanh,
    Relu,
}
